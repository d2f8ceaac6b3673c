package io.dataplatform.ingest.source.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataplatform.api.connector.ConnectorSpec;

/** The configuration schema of the HTTP connector. */
final class HttpSpec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpSpec() {}

  static ConnectorSpec spec() {
    ObjectNode schema = JSON.createObjectNode();
    schema.put("type", "object");
    schema.put("title", "HTTP API");
    ObjectNode properties = schema.putObject("properties");
    properties
        .putObject("definition")
        .put("type", "object")
        .put("description", "The API definition: base_url, headers, pagination, streams");
    string(
        properties,
        "definition_file",
        "A YAML file with the API definition, in an import directory");
    string(properties, "base_url", "Overrides the definition's base_url");
    ObjectNode auth = string(properties, "auth", "How requests authenticate");
    auth.put("default", "none");
    auth.putArray("enum")
        .add("none")
        .add("bearer")
        .add("basic")
        .add("api_key")
        .add("oauth2_client_credentials");
    string(properties, "token", "Bearer token").put("secret", true);
    string(properties, "username", "User for basic authentication");
    string(properties, "password", "Password for basic authentication").put("secret", true);
    string(properties, "api_key", "API key").put("secret", true);
    string(properties, "api_key_name", "Header or query parameter carrying the API key")
        .put("default", "X-API-Key");
    ObjectNode in = string(properties, "api_key_in", "Where the API key travels");
    in.put("default", "header");
    in.putArray("enum").add("header").add("query");
    string(properties, "token_url", "OAuth2 token endpoint");
    string(properties, "client_id", "OAuth2 client id");
    string(properties, "client_secret", "OAuth2 client secret").put("secret", true);
    string(properties, "scopes", "OAuth2 scopes, space separated");
    properties
        .putObject("requests_per_second")
        .put("type", "number")
        .put("default", 0)
        .put("description", "Rate limit; 0: none");
    properties
        .putObject("max_retries")
        .put("type", "integer")
        .put("default", 5)
        .put("description", "Retries of a request answered 429 or 5xx, or failing on the network");
    properties
        .putObject("retry_initial_ms")
        .put("type", "integer")
        .put("default", 1000)
        .put(
            "description",
            "First backoff; doubles on each retry unless Retry-After says otherwise");
    properties
        .putObject("retry_max_ms")
        .put("type", "integer")
        .put("default", 60000)
        .put("description", "Longest backoff");
    properties
        .putObject("timeout_seconds")
        .put("type", "integer")
        .put("default", 60)
        .put("description", "Timeout of one request");
    schema.putArray("required");
    return new ConnectorSpec(
        "HTTP API",
        schema.toPrettyString(),
        "Streams of a JSON HTTP API described in a YAML definition: paths, record selectors,"
            + " pagination, incremental cursors; authentication from the connection.");
  }

  private static ObjectNode string(ObjectNode properties, String name, String description) {
    ObjectNode property = properties.putObject(name);
    property.put("type", "string");
    property.put("description", description);
    return property;
  }
}
