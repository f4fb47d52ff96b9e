package org.hiehub.hub.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The one seam through which events reach storage: fields marked personal are replaced by ciphertext under the
 * data subject's key before they leave the process, and decrypted when read back. After erasure they read as
 * null. Works the same for the JDBC engine and Axon Server, since both serialize through this serializer.
 * Upcasters see the stored form: they may move or rename personal fields but not look inside them.
 */
public class PersonalDataProtectingSerializer implements Serializer {

    private static final byte[] CIPHERTEXT_MARKER = ("\"" + PersonalDataCipher.PREFIX)
            .getBytes(StandardCharsets.US_ASCII);
    private final JacksonSerializer delegate;
    private final ObjectMapper mapper;
    private final PersonalDataCipher cipher;

    public PersonalDataProtectingSerializer(JacksonSerializer delegate, PersonalDataCipher cipher) {
        this.delegate = delegate;
        this.mapper = delegate.getObjectMapper();
        this.cipher = cipher;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        ProtectedFields fields = ProtectedFields.of(object == null ? null : object.getClass());
        if (!fields.any()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = mapper.valueToTree(object);
        String subject = tree.path(fields.subject()).asText();
        for (String field : fields.personal()) {
            JsonNode value = tree.get(field);
            if (value != null && !value.isNull()) {
                tree.put(field, cipher.encrypt(subject, bytes(value)));
            }
        }
        SerializedObject<byte[]> sealed = new SimpleSerializedObject<>(bytes(tree), byte[].class,
                typeForClass(object.getClass()));
        return getConverter().convert(sealed, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        ProtectedFields fields = ProtectedFields.of(classForType(serializedObject.getType()));
        if (!fields.any()) {
            return delegate.deserialize(serializedObject);
        }
        if (serializedObject.getData() instanceof byte[] json && !containsCiphertext(json)) {
            // nothing to decrypt (no personal data, or none stored encrypted): straight to the object, without
            // building a JSON tree first; most events on a replay take this path
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = ownTree(serializedObject);
        if (tree instanceof ObjectNode object) {
            String subject = object.path(fields.subject()).asText();
            for (String field : fields.personal()) {
                JsonNode value = object.get(field);
                if (value != null && value.isTextual() && PersonalDataCipher.isCiphertext(value.asText())) {
                    Optional<byte[]> plain = cipher.decrypt(subject, value.asText());
                    object.set(field, plain.map(this::tree).orElse(object.nullNode()));
                }
            }
        }
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, serializedObject.getType()));
    }

    /**
     * A tree this call may change: bytes are parsed into a fresh one, whereas a tree handed in (an upcaster's
     * output) may be shared with whoever holds the serialized event, so that one is copied.
     */
    private JsonNode ownTree(SerializedObject<?> serializedObject) {
        JsonNode tree = getConverter().convert(serializedObject, JsonNode.class).getData();
        return serializedObject.getData() instanceof JsonNode ? tree.deepCopy() : tree;
    }

    /** Whether the stored JSON holds a ciphertext string anywhere: a byte scan for {@code "pd1:}. */
    static boolean containsCiphertext(byte[] json) {
        byte[] marker = CIPHERTEXT_MARKER;
        outer:
        for (int i = 0, last = json.length - marker.length; i <= last; i++) {
            if (json[i] != '"') {
                continue;
            }
            for (int j = 1; j < marker.length; j++) {
                if (json[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event field", e);
        }
    }

    private JsonNode tree(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("decrypted personal data is not JSON", e);
        }
    }
}
