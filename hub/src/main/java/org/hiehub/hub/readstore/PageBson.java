package org.hiehub.hub.readstore;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * BSON for the value types the hub's documents hold (documents, arrays, strings, numbers, booleans, dates, nulls,
 * object ids), written to and read from plain arrays. mongo-java-server's wire codec goes through a Netty buffer
 * that checks its reference count on every byte: H2 re-encodes every document of a page it writes, and that check
 * was most of the H2 serialization thread's time while HL7 was ingested. The bytes are the codec's own; a document
 * holding any other type (binary, regular expression, timestamp, decimal…) answers {@code false} or throws
 * {@link Unsupported}, and {@link BsonDocumentType} hands it to the wire codec instead.
 */
final class PageBson {

    private static final byte DOUBLE = 0x01;
    private static final byte STRING = 0x02;
    private static final byte DOCUMENT = 0x03;
    private static final byte ARRAY = 0x04;
    private static final byte UNDEFINED = 0x06;
    private static final byte OBJECT_ID = 0x07;
    private static final byte BOOLEAN = 0x08;
    private static final byte DATE = 0x09;
    private static final byte NULL = 0x0A;
    private static final byte INT32 = 0x10;
    private static final byte INT64 = 0x12;

    /** A value the codec leaves to mongo-java-server's own. */
    static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private PageBson() {
    }

    /** Growable little-endian output; one per serializing thread, reused page after page. */
    static final class Output {
        private byte[] bytes = new byte[1024];
        private int size;

        void reset() {
            size = 0;
        }

        byte[] bytes() {
            return bytes;
        }

        int size() {
            return size;
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        private void put(byte value) {
            room(1);
            bytes[size++] = value;
        }

        private void putInt(int value) {
            room(4);
            putIntAt(size, value);
            size += 4;
        }

        private void putIntAt(int at, int value) {
            bytes[at] = (byte) value;
            bytes[at + 1] = (byte) (value >>> 8);
            bytes[at + 2] = (byte) (value >>> 16);
            bytes[at + 3] = (byte) (value >>> 24);
        }

        private void putLong(long value) {
            putInt((int) value);
            putInt((int) (value >>> 32));
        }

        private void putBytes(byte[] values) {
            room(values.length);
            System.arraycopy(values, 0, bytes, size, values.length);
            size += values.length;
        }

        /** A name (no length, ends with 0); ASCII is copied char by char, anything else goes through UTF-8. */
        private void putCString(String text) {
            int length = text.length();
            room(length + 1);
            for (int i = 0; i < length; i++) {
                char c = text.charAt(i);
                if (c == 0 || c >= 0x80) {
                    size -= i;
                    putBytes(text.getBytes(StandardCharsets.UTF_8));
                    put((byte) 0);
                    return;
                }
                bytes[size++] = (byte) c;
            }
            bytes[size++] = 0;
        }

        private void putString(String text) {
            int lengthAt = size;
            putInt(0);
            int start = size;
            int length = text.length();
            room(length + 1);
            boolean ascii = true;
            for (int i = 0; i < length && ascii; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    ascii = false;
                } else {
                    bytes[size++] = (byte) c;
                }
            }
            if (!ascii) {
                size = start;
                putBytes(text.getBytes(StandardCharsets.UTF_8));
            }
            put((byte) 0);
            putIntAt(lengthAt, size - start);
        }
    }

    /** Writes the document, or answers false (output undefined) when it holds a type this codec leaves alone. */
    static boolean write(Map<?, ?> document, Output out) {
        try {
            writeDocument(document, out);
            return true;
        } catch (Unsupported e) {
            return false;
        }
    }

    private static void writeDocument(Map<?, ?> document, Output out) {
        int start = out.size;
        out.putInt(0);
        for (Map.Entry<?, ?> entry : document.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw UNSUPPORTED;
            }
            writeElement(name, entry.getValue(), out);
        }
        out.put((byte) 0);
        out.putIntAt(start, out.size - start);
    }

    private static void writeArray(Collection<?> values, Output out) {
        int start = out.size;
        out.putInt(0);
        int index = 0;
        for (Object value : values) {
            writeElement(Integer.toString(index++), value, out);
        }
        out.put((byte) 0);
        out.putIntAt(start, out.size - start);
    }

    private static void writeElement(String name, Object value, Output out) {
        if (value instanceof String text) {
            header(STRING, name, out);
            out.putString(text);
        } else if (value instanceof Map<?, ?> map) {
            header(DOCUMENT, name, out);
            writeDocument(map, out);
        } else if (value instanceof Integer number) {
            header(INT32, name, out);
            out.putInt(number);
        } else if (value instanceof Long number) {
            header(INT64, name, out);
            out.putLong(number);
        } else if (value instanceof Double number) {
            header(DOUBLE, name, out);
            out.putLong(Double.doubleToRawLongBits(number));
        } else if (value instanceof Boolean flag) {
            header(BOOLEAN, name, out);
            out.put(flag ? (byte) 1 : (byte) 0);
        } else if (value == null) {
            header(NULL, name, out);
        } else if (value instanceof Instant instant) {
            header(DATE, name, out);
            out.putLong(instant.toEpochMilli());
        } else if (value instanceof List<?> list) {
            header(ARRAY, name, out);
            writeArray(list, out);
        } else if (value instanceof ObjectId id) {
            header(OBJECT_ID, name, out);
            out.putBytes(id.toByteArray());
        } else {
            throw UNSUPPORTED;
        }
    }

    private static void header(byte type, String name, Output out) {
        out.put(type);
        out.putCString(name);
    }

    /** Reads the document starting at the buffer's position; throws {@link Unsupported} for other types. */
    static Document read(ByteBuffer buffer) {
        ByteBuffer in = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        return readDocument(in);
    }

    private static Document readDocument(ByteBuffer in) {
        int start = in.position();
        int length = in.getInt();
        int end = start + length - 1;
        Document document = new Document();
        while (in.position() < end) {
            byte type = in.get();
            String name = readCString(in);
            if (document.put(name, readValue(type, in)) != null) {
                throw new IllegalArgumentException("duplicate key '" + name + "' in a stored document");
            }
        }
        if (in.get() != 0) {
            throw new IllegalArgumentException("a stored document does not end where its length says");
        }
        return document;
    }

    private static List<Object> readArray(ByteBuffer in) {
        int start = in.position();
        int length = in.getInt();
        int end = start + length - 1;
        List<Object> values = new ArrayList<>();
        while (in.position() < end) {
            byte type = in.get();
            skipCString(in);
            values.add(readValue(type, in));
        }
        if (in.get() != 0) {
            throw new IllegalArgumentException("a stored array does not end where its length says");
        }
        return values;
    }

    private static Object readValue(byte type, ByteBuffer in) {
        return switch (type) {
            case STRING -> readString(in);
            case DOCUMENT -> readDocument(in);
            case INT32 -> in.getInt();
            case INT64 -> in.getLong();
            case DOUBLE -> Double.longBitsToDouble(in.getLong());
            case BOOLEAN -> readBoolean(in);
            case NULL, UNDEFINED -> null;
            case DATE -> Instant.ofEpochMilli(in.getLong());
            case ARRAY -> readArray(in);
            case OBJECT_ID -> {
                byte[] id = new byte[12];
                in.get(id);
                yield new ObjectId(id);
            }
            default -> throw UNSUPPORTED;
        };
    }

    private static Boolean readBoolean(ByteBuffer in) {
        byte value = in.get();
        if (value != 0 && value != 1) {
            throw new IllegalArgumentException("a stored boolean holds " + value);
        }
        return value == 1;
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        String text = text(in, in.position(), length - 1);
        in.position(in.position() + length);
        return text;
    }

    private static String readCString(ByteBuffer in) {
        int start = in.position();
        int end = start;
        while (in.get(end) != 0) {
            end++;
        }
        String text = text(in, start, end - start);
        in.position(end + 1);
        return text;
    }

    private static void skipCString(ByteBuffer in) {
        int end = in.position();
        while (in.get(end) != 0) {
            end++;
        }
        in.position(end + 1);
    }

    private static String text(ByteBuffer in, int at, int length) {
        if (in.hasArray()) {
            return new String(in.array(), in.arrayOffset() + at, length, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[length];
        in.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
