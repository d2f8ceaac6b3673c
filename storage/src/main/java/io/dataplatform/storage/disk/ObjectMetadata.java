package io.dataplatform.storage.disk;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What is stored next to an object's bytes: the key, size, ETag, content headers, user metadata
 * and, for an encrypted object, its wrapped data key.
 *
 * @param size the plaintext size in bytes
 * @param etag the unquoted ETag: the hex MD5 of the plaintext, or "md5-N" for multipart objects
 * @param contentHeaders Content-Type, Content-Encoding, Content-Disposition, Content-Language and
 *     Cache-Control, by header name, when given
 * @param wrappedKey the object's data key wrapped by the master key; present iff encrypted
 */
record ObjectMetadata(
    String key,
    boolean deleteMarker,
    long size,
    String etag,
    Instant lastModified,
    Map<String, String> contentHeaders,
    Optional<Instant> expires,
    Map<String, String> userMetadata,
    Optional<String> wrappedKey,
    String acl) {
  static final String CONTENT_TYPE = "Content-Type";
  static final String CONTENT_ENCODING = "Content-Encoding";
  static final String CONTENT_DISPOSITION = "Content-Disposition";
  static final String CONTENT_LANGUAGE = "Content-Language";
  static final String CACHE_CONTROL = "Cache-Control";
  static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  ObjectMetadata {
    requireNonNull(key, "key");
    requireNonNull(etag, "etag");
    requireNonNull(lastModified, "lastModified");
    contentHeaders = Map.copyOf(contentHeaders);
    requireNonNull(expires, "expires");
    userMetadata = Map.copyOf(new TreeMap<>(userMetadata));
    requireNonNull(wrappedKey, "wrappedKey");
    requireNonNull(acl, "acl");
  }

  static ObjectMetadata deleteMarker(String key, Instant time) {
    return new ObjectMetadata(
        key, true, 0, "", time, Map.of(), Optional.empty(), Map.of(), Optional.empty(), "private");
  }

  boolean encrypted() {
    return wrappedKey.isPresent();
  }

  String quotedEtag() {
    return "\"" + etag + "\"";
  }

  String contentType() {
    return contentHeaders.getOrDefault(CONTENT_TYPE, DEFAULT_CONTENT_TYPE);
  }

  String contentHeader(String name) {
    return contentHeaders.get(name);
  }

  ObjectMetadata withKey(String newKey) {
    return new ObjectMetadata(
        newKey,
        deleteMarker,
        size,
        etag,
        lastModified,
        contentHeaders,
        expires,
        userMetadata,
        wrappedKey,
        acl);
  }

  ObjectMetadata withAcl(String newAcl) {
    return new ObjectMetadata(
        key,
        deleteMarker,
        size,
        etag,
        lastModified,
        contentHeaders,
        expires,
        userMetadata,
        wrappedKey,
        newAcl);
  }

  byte[] serialize() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", key);
    fields.put("deleteMarker", Boolean.toString(deleteMarker));
    fields.put("size", Long.toString(size));
    fields.put("etag", etag);
    fields.put("lastModified", Long.toString(lastModified.toEpochMilli()));
    fields.put("acl", acl);
    contentHeaders.forEach((name, value) -> fields.put("h:" + name, value));
    expires.ifPresent(time -> fields.put("expires", Long.toString(time.toEpochMilli())));
    userMetadata.forEach((name, value) -> fields.put("m:" + name, value));
    wrappedKey.ifPresent(wrapped -> fields.put("wrappedKey", wrapped));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(fields.size());
      for (var field : fields.entrySet()) {
        out.writeUTF(field.getKey());
        out.writeUTF(field.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static ObjectMetadata deserialize(byte[] serialized) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        fields.put(in.readUTF(), in.readUTF());
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, String> user = new LinkedHashMap<>();
    fields.forEach(
        (name, value) -> {
          if (name.startsWith("h:")) {
            headers.put(name.substring(2), value);
          } else if (name.startsWith("m:")) {
            user.put(name.substring(2), value);
          }
        });
    return new ObjectMetadata(
        required(fields, "key"),
        Boolean.parseBoolean(required(fields, "deleteMarker")),
        Long.parseLong(required(fields, "size")),
        required(fields, "etag"),
        Instant.ofEpochMilli(Long.parseLong(required(fields, "lastModified"))),
        headers,
        Optional.ofNullable(fields.get("expires"))
            .map(v -> Instant.ofEpochMilli(Long.parseLong(v))),
        user,
        Optional.ofNullable(fields.get("wrappedKey")),
        fields.getOrDefault("acl", "private"));
  }

  private static String required(Map<String, String> fields, String name) throws IOException {
    String value = fields.get(name);
    if (value == null) {
      throw new IOException("Cannot read object metadata: field %s is missing".formatted(name));
    }
    return value;
  }
}
