package io.dataplatform.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataplatform.api.DpException;
import io.javalin.http.Context;

/** Reads request bodies with messages that say what was expected. */
final class JsonBodies {
  private JsonBodies() {}

  static JsonNode read(Context context, ObjectMapper mapper) {
    try {
      JsonNode node = mapper.readTree(context.body());
      if (node == null || !node.isObject()) {
        throw DpException.user("Cannot read request: the body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw DpException.user(
          "Cannot read request: the body is not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }

  static String requiredText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw DpException.user("Cannot read request: field \"" + field + "\" must be a string");
    }
    return value.asText();
  }
}
