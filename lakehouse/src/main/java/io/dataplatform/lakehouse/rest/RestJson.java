package io.dataplatform.lakehouse.rest;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.UncheckedIOException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.RESTRequest;
import org.apache.iceberg.rest.RESTSerializers;

/**
 * Reads requests and writes responses in the Iceberg REST wire format: kebab-case field names and
 * Iceberg's serializers for metadata, schemas, updates and requirements.
 */
final class RestJson {
  private final ObjectMapper mapper;

  RestJson() {
    mapper = new ObjectMapper();
    mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
    mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
    RESTSerializers.registerAll(mapper);
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** Parses and validates a request body; malformed input is a {@link BadRequestException}. */
  <T extends RESTRequest> T read(String body, Class<T> type) {
    if (body.isBlank()) {
      throw new BadRequestException(
          "Cannot parse request: the body is empty (%s)", type.getSimpleName());
    }
    T request;
    try {
      request = mapper.readValue(body, type);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new BadRequestException(
          e, "Cannot parse request: %s (%s)", rootMessage(e), type.getSimpleName());
    }
    if (request == null) {
      throw new BadRequestException(
          "Cannot parse request: the body is null (%s)", type.getSimpleName());
    }
    try {
      request.validate();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequestException(
          e, "Cannot accept request: %s (%s)", e.getMessage(), type.getSimpleName());
    }
    return request;
  }

  String write(Object response) {
    try {
      return mapper.writeValueAsString(response);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write response: " + e.getOriginalMessage(), e);
    }
  }

  private static String rootMessage(Exception e) {
    if (e instanceof JsonProcessingException json) {
      return json.getOriginalMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }
}
