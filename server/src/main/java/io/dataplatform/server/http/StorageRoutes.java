package io.dataplatform.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.dataplatform.storage.AccessKey;
import io.dataplatform.storage.BucketEncryption;
import io.dataplatform.storage.ObjectContent;
import io.dataplatform.storage.ObjectInfo;
import io.dataplatform.storage.ObjectListing;
import io.dataplatform.storage.ObjectVersionSummary;
import io.dataplatform.storage.S3Credentials;
import io.dataplatform.storage.StorageService;
import io.dataplatform.storage.UploadedPart;
import io.dataplatform.storage.VersioningState;
import io.dataplatform.storage.disk.ObjectEvent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The object store's console API: buckets, objects, versions, uploads, events, access keys. */
public final class StorageRoutes {
  private static final String BUCKET = "/api/v1/storage/buckets/{bucket}";
  private static final int DEFAULT_PAGE = 200;
  private static final int MAX_PAGE = 1000;

  private final StorageService storage;
  private final ObjectMapper mapper;

  public StorageRoutes(StorageService storage, ObjectMapper mapper) {
    this.storage = requireNonNull(storage, "storage");
    this.mapper = requireNonNull(mapper, "mapper");
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/storage/info", this::info);
    routes.get("/api/v1/storage/buckets", this::buckets);
    routes.post("/api/v1/storage/buckets", this::createBucket);
    routes.delete(BUCKET, this::deleteBucket);
    routes.get(BUCKET + "/settings", this::settings);
    routes.put(BUCKET + "/settings", this::changeSettings);
    routes.get(BUCKET + "/objects", this::objects);
    routes.get(BUCKET + "/versions", this::versions);
    routes.put(BUCKET + "/objects/<key>", this::putObject);
    routes.get(BUCKET + "/objects/<key>", this::getObject);
    routes.delete(BUCKET + "/objects/<key>", this::deleteObject);
    routes.post(BUCKET + "/uploads", this::startUpload);
    routes.put(BUCKET + "/uploads/{uploadId}/parts/{partNumber}", this::uploadPart);
    routes.post(BUCKET + "/uploads/{uploadId}/complete", this::completeUpload);
    routes.delete(BUCKET + "/uploads/{uploadId}", this::abortUpload);
    routes.get("/api/v1/storage/events", this::events);
    routes.get("/api/v1/storage/keys", this::keys);
    routes.post("/api/v1/storage/keys", this::createKey);
    routes.delete("/api/v1/storage/keys/{accessKey}", this::revokeKey);
  }

  private void info(Context context) {
    context.json(Map.of("endpoint", storage.endpoint().toString(), "region", "us-east-1"));
  }

  private void buckets(Context context) {
    List<Map<String, Object>> buckets = new ArrayList<>();
    for (var bucket : storage.listBuckets()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", bucket.name());
      json.put("createdAt", bucket.createdAt().toString());
      json.putAll(settingsOf(bucket.name()));
      buckets.add(json);
    }
    context.json(Map.of("buckets", buckets));
  }

  private void createBucket(Context context) {
    String name = JsonBodies.requiredText(JsonBodies.read(context, mapper), "name");
    storage.createBucket(name);
    context.status(201).json(Map.of("name", name));
  }

  private void deleteBucket(Context context) {
    storage.deleteBucket(context.pathParam("bucket"));
    context.status(204);
  }

  private void settings(Context context) {
    context.json(settingsOf(context.pathParam("bucket")));
  }

  private Map<String, Object> settingsOf(String bucket) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("versioning", versioningName(storage.versioning(bucket)));
    json.put(
        "encryption", storage.encryption(bucket) == BucketEncryption.SSE_S3 ? "AES256" : "NONE");
    return json;
  }

  private void changeSettings(Context context) {
    String bucket = context.pathParam("bucket");
    JsonNode body = JsonBodies.read(context, mapper);
    if (body.has("versioning")) {
      String value = JsonBodies.requiredText(body, "versioning");
      VersioningState state =
          switch (value.toLowerCase(Locale.ROOT)) {
            case "enabled" -> VersioningState.ENABLED;
            case "suspended" -> VersioningState.SUSPENDED;
            default ->
                throw DpException.user(
                    "Cannot change bucket settings: versioning is Enabled or Suspended ("
                        + value
                        + ")");
          };
      storage.setVersioning(bucket, state);
    }
    if (body.has("encryption")) {
      String value = JsonBodies.requiredText(body, "encryption");
      BucketEncryption encryption =
          switch (value.toUpperCase(Locale.ROOT)) {
            case "AES256" -> BucketEncryption.SSE_S3;
            case "NONE" -> BucketEncryption.NONE;
            default ->
                throw DpException.user(
                    "Cannot change bucket settings: encryption is AES256 or NONE (" + value + ")");
          };
      storage.setEncryption(bucket, encryption);
    }
    context.json(settingsOf(bucket));
  }

  private void objects(Context context) {
    String bucket = context.pathParam("bucket");
    ObjectListing listing =
        storage.listObjects(
            bucket,
            Optional.ofNullable(context.queryParam("prefix")).orElse(""),
            Optional.ofNullable(context.queryParam("delimiter")).filter(d -> !d.isEmpty()),
            Optional.ofNullable(context.queryParam("continuation")).filter(t -> !t.isEmpty()),
            pageSize(context));
    List<Map<String, Object>> objects = new ArrayList<>();
    for (var object : listing.objects()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("key", object.key());
      json.put("size", object.size());
      json.put("etag", object.etag());
      json.put("lastModified", object.lastModified().toString());
      objects.add(json);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("prefixes", listing.commonPrefixes());
    json.put("objects", objects);
    json.put("nextContinuation", listing.nextPageToken().orElse(null));
    context.json(json);
  }

  private static int pageSize(Context context) {
    String limit = context.queryParam("limit");
    if (limit == null || limit.isEmpty()) {
      return DEFAULT_PAGE;
    }
    try {
      int value = Integer.parseInt(limit);
      if (value < 1 || value > MAX_PAGE) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw DpException.user(
          "Cannot list objects: limit must be a whole number from 1 to "
              + MAX_PAGE
              + " ("
              + limit
              + ")");
    }
  }

  private void versions(Context context) {
    String prefix = Optional.ofNullable(context.queryParam("prefix")).orElse("");
    List<Map<String, Object>> versions = new ArrayList<>();
    for (ObjectVersionSummary version :
        storage.listVersions(context.pathParam("bucket"), prefix, MAX_PAGE)) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("key", version.key());
      json.put("versionId", version.versionId());
      json.put("isLatest", version.latest());
      json.put("deleteMarker", version.deleteMarker());
      json.put("size", version.size());
      json.put("etag", version.etag());
      json.put("lastModified", version.lastModified().toString());
      versions.add(json);
    }
    context.json(Map.of("versions", versions));
  }

  private void putObject(Context context) {
    long length = context.contentLength();
    if (length < 0) {
      throw DpException.user("Cannot store object: the request needs a Content-Length");
    }
    String contentType =
        Optional.ofNullable(context.contentType()).orElse("application/octet-stream");
    try (InputStream body = context.bodyInputStream()) {
      ObjectInfo info =
          storage.putObject(context.pathParam("bucket"), key(context), body, length, contentType);
      context.json(written(info));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the uploaded object", e);
    }
  }

  private static Map<String, Object> written(ObjectInfo info) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("key", info.key());
    json.put("etag", info.etag());
    json.put("versionId", info.versionId().orElse(null));
    json.put("size", info.size());
    return json;
  }

  private void getObject(Context context) {
    String key = key(context);
    ObjectContent content = storage.getObject(context.pathParam("bucket"), key, versionId(context));
    ObjectInfo info = content.info();
    // the bytes go out as stored, with their length: compressing them would change both
    context.disableCompression();
    context.contentType(info.contentType());
    context.header("ETag", info.etag());
    context.header("Content-Length", Long.toString(info.size()));
    info.versionId().ifPresent(version -> context.header("x-amz-version-id", version));
    if (context.queryParam("download") != null) {
      String name = key.substring(key.lastIndexOf('/') + 1).replace("\"", "");
      context.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }
    // Javalin closes the stream once it has been sent
    context.result(content.body());
  }

  private void deleteObject(Context context) {
    storage.deleteObject(context.pathParam("bucket"), key(context), versionId(context));
    context.status(204);
  }

  private void startUpload(Context context) {
    JsonNode body = JsonBodies.read(context, mapper);
    String key = JsonBodies.requiredText(body, "key");
    String contentType =
        body.hasNonNull("contentType")
            ? body.get("contentType").asText()
            : "application/octet-stream";
    String uploadId = storage.startMultipartUpload(context.pathParam("bucket"), key, contentType);
    context.status(201).json(Map.of("uploadId", uploadId, "key", key));
  }

  private void uploadPart(Context context) {
    String key = requiredQuery(context, "key");
    int partNumber;
    try {
      partNumber = Integer.parseInt(context.pathParam("partNumber"));
    } catch (NumberFormatException e) {
      throw DpException.user(
          "Cannot upload part: the part number must be a whole number ("
              + context.pathParam("partNumber")
              + ")");
    }
    long length = context.contentLength();
    if (length < 0) {
      throw DpException.user("Cannot upload part: the request needs a Content-Length");
    }
    try (InputStream body = context.bodyInputStream()) {
      String etag =
          storage.uploadPart(
              context.pathParam("bucket"),
              key,
              context.pathParam("uploadId"),
              partNumber,
              body,
              length);
      context.json(Map.of("partNumber", partNumber, "etag", etag));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the uploaded part", e);
    }
  }

  private void completeUpload(Context context) {
    JsonNode body = JsonBodies.read(context, mapper);
    String key = JsonBodies.requiredText(body, "key");
    JsonNode parts = body.path("parts");
    if (!parts.isArray() || parts.isEmpty()) {
      throw DpException.user(
          "Cannot complete upload: \"parts\" must list the uploaded parts (partNumber, etag)");
    }
    List<UploadedPart> uploaded = new ArrayList<>();
    for (JsonNode part : parts) {
      uploaded.add(new UploadedPart(part.path("partNumber").asInt(), part.path("etag").asText("")));
    }
    ObjectInfo info =
        storage.completeMultipartUpload(
            context.pathParam("bucket"), key, context.pathParam("uploadId"), uploaded);
    context.json(written(info));
  }

  private void abortUpload(Context context) {
    storage.abortMultipartUpload(
        context.pathParam("bucket"), requiredQuery(context, "key"), context.pathParam("uploadId"));
    context.status(204);
  }

  private void events(Context context) {
    int limit = pageSize(context);
    List<Map<String, Object>> events = new ArrayList<>();
    for (ObjectEvent event :
        storage.recentEvents(
            Optional.ofNullable(context.queryParam("bucket")).filter(b -> !b.isEmpty()),
            Optional.ofNullable(context.queryParam("prefix")).filter(p -> !p.isEmpty()),
            limit)) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("type", event.type().name());
      json.put("bucket", event.bucket());
      json.put("key", event.key());
      json.put("versionId", event.versionId().orElse(null));
      json.put("size", event.size());
      json.put("etag", event.etag());
      json.put("time", event.time().toString());
      events.add(json);
    }
    context.json(Map.of("events", events));
  }

  private void keys(Context context) {
    List<Map<String, Object>> keys = new ArrayList<>();
    for (AccessKey key : storage.listAccessKeys()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("accessKey", key.accessKeyId());
      json.put("description", key.description());
      json.put("createdAt", key.createdAt().toString());
      keys.add(json);
    }
    context.json(Map.of("keys", keys));
  }

  private void createKey(Context context) {
    JsonNode body =
        context.body().isBlank() ? mapper.createObjectNode() : JsonBodies.read(context, mapper);
    String description = body.path("description").asText("");
    S3Credentials credentials = storage.createAccessKey(description);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("accessKey", credentials.accessKeyId());
    json.put("secretKey", credentials.secretKey());
    json.put("description", description);
    context.status(201).json(json);
  }

  private void revokeKey(Context context) {
    storage.revokeAccessKey(context.pathParam("accessKey"));
    context.status(204);
  }

  private static String key(Context context) {
    String key = context.pathParam("key");
    if (key.isEmpty()) {
      throw DpException.user("Cannot address object: the key is empty");
    }
    return key;
  }

  private static Optional<String> versionId(Context context) {
    return Optional.ofNullable(context.queryParam("versionId")).filter(v -> !v.isEmpty());
  }

  private static String requiredQuery(Context context, String name) {
    String value = context.queryParam(name);
    if (value == null || value.isEmpty()) {
      throw DpException.user("Cannot handle upload: query parameter " + name + " is required");
    }
    return value;
  }

  private static String versioningName(VersioningState state) {
    return switch (state) {
      case UNVERSIONED -> "Unversioned";
      case ENABLED -> "Enabled";
      case SUSPENDED -> "Suspended";
    };
  }
}
