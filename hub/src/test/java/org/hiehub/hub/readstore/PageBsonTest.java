package org.hiehub.hub.readstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

/** The page codec writes the wire codec's bytes, reads them back to equal documents, and leaves other types to it. */
class PageBsonTest {

    @Test
    void writesTheWireCodecsBytesAndReadsThemBack() {
        Document document = sample();
        PageBson.Output out = new PageBson.Output();

        assertThat(PageBson.write(document, out)).isTrue();

        byte[] ours = Arrays.copyOf(out.bytes(), out.size());
        assertThat(ours).isEqualTo(wire(document));
        Document read = PageBson.read(ByteBuffer.wrap(ours));
        assertThat(read).isEqualTo(document);
        assertThat(read.get("nested")).isInstanceOf(Document.class);
        assertThat(read.get("list")).isInstanceOf(ArrayList.class);
        assertThat(read).isEqualTo(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(ours)));
    }

    @Test
    void outputIsReusedFromTheStart() {
        PageBson.Output out = new PageBson.Output();
        PageBson.write(new Document("long", "x".repeat(5_000)), out);
        out.reset();

        PageBson.write(new Document("a", 1), out);

        assertThat(Arrays.copyOf(out.bytes(), out.size())).isEqualTo(wire(new Document("a", 1)));
    }

    @Test
    void leavesOtherTypesToTheWireCodec() {
        Document withUuid = new Document("id", UUID.randomUUID());
        Document withPattern = new Document("p", new BsonRegularExpression("^a", "i"));

        assertThat(PageBson.write(withUuid, new PageBson.Output())).isFalse();
        assertThat(PageBson.write(new Document("deep", new Document("p", withPattern)), new PageBson.Output()))
                .isFalse();
        assertThatThrownBy(() -> PageBson.read(ByteBuffer.wrap(wire(withUuid))))
                .isInstanceOf(PageBson.Unsupported.class);
    }

    @Test
    void pageTypeRoundTripsEitherWay() {
        for (Document document : List.of(sample(), new Document("id", UUID.randomUUID()).append("n", 1))) {
            WriteBuffer buffer = new WriteBuffer();
            BsonDocumentType.INSTANCE.write(buffer, document);
            BsonDocumentType.INSTANCE.write(buffer, new Document("after", true));
            ByteBuffer written = buffer.getBuffer();
            written.flip();

            assertThat(BsonDocumentType.INSTANCE.read(written)).isEqualTo(document);
            assertThat(BsonDocumentType.INSTANCE.read(written)).isEqualTo(new Document("after", true));
            assertThat(written.hasRemaining()).isFalse();
        }
    }

    private static Document sample() {
        List<Object> list = new ArrayList<>(List.of("a", 2, 3L, new Document("in", "array")));
        list.add(null);
        return new Document("_id", "record-1")
                .append("ascii", "Smith")
                .append("utf8", "Zoë Müller – 東京")
                .append("empty", "")
                .append("int", 42)
                .append("long", 1L << 40)
                .append("double", 37.5)
                .append("true", true)
                .append("false", false)
                .append("null", null)
                .append("at", Instant.ofEpochMilli(1_763_900_000_123L))
                .append("oid", new ObjectId())
                .append("nested", new Document("ümlaut-key", new Document("deep", List.of())))
                .append("list", list);
    }

    private static byte[] wire(Document document) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }
}
