package io.dataplatform.lakehouse.rest;

import static java.util.Objects.requireNonNull;

/**
 * The answer to one Iceberg REST request: the HTTP status and the JSON body to send with content
 * type {@link #CONTENT_TYPE}. The body is empty for 204 answers; for {@code HEAD} requests the
 * caller sends the status only.
 */
public record IcebergRestResponse(int status, String jsonBody) {
  public static final String CONTENT_TYPE = "application/json";

  public IcebergRestResponse {
    requireNonNull(jsonBody, "jsonBody");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException(
          "Cannot create a response: invalid HTTP status (" + status + ")");
    }
  }

  static IcebergRestResponse ok(String jsonBody) {
    return new IcebergRestResponse(200, jsonBody);
  }

  static IcebergRestResponse noContent() {
    return new IcebergRestResponse(204, "");
  }

  /** Whether there is a body to send. */
  public boolean hasBody() {
    return !jsonBody.isEmpty();
  }
}
