package org.hiehub.hub.readstore;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the embedded read store's documents sit in H2's pages: as BSON, through mongo-java-server's own wire codec,
 * which already carries every value a document can hold to and from the driver. H2's default type Java-serializes
 * each document; writing the pages that way took a fifth of the hub's sampled CPU while it ingested, and reading
 * pages back (after H2 dropped them from memory) a fifth of the read store's worker thread. A BSON document starts
 * with its own length, so a page needs nothing else to find where one ends. The common types are written and read
 * by {@link PageBson} straight from arrays; the wire codec takes the documents that hold anything else.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    private BsonDocumentType() {
    }

    private static final ThreadLocal<PageBson.Output> OUTPUT = ThreadLocal.withInitial(PageBson.Output::new);

    @Override
    public void write(WriteBuffer buffer, Document document) {
        PageBson.Output out = OUTPUT.get();
        out.reset();
        if (PageBson.write(document, out)) {
            buffer.put(out.bytes(), 0, out.size());
            return;
        }
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        int length = Integer.reverseBytes(buffer.getInt(buffer.position()));
        ByteBuffer bson = buffer.slice();
        bson.limit(length);
        buffer.position(buffer.position() + length);
        try {
            return PageBson.read(bson);
        } catch (PageBson.Unsupported e) {
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
        }
    }

    /** H2 sizes its cache and decides when to write by this: roughly what the document takes on the heap. */
    @Override
    public int getMemory(Document document) {
        return (int) Math.min(Integer.MAX_VALUE, heapBytes(document));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    private static long heapBytes(Object value) {
        if (value instanceof String text) {
            return 48 + text.length();
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                bytes += 40 + heapBytes(entry.getKey()) + heapBytes(entry.getValue());
            }
            return bytes;
        }
        if (value instanceof Collection<?> values) {
            long bytes = 40;
            for (Object element : values) {
                bytes += 8 + heapBytes(element);
            }
            return bytes;
        }
        return 24;
    }
}
