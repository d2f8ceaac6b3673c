package io.dataplatform.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What the end-to-end tests use to talk to a running server as user admin. */
final class AdminClients {
  /** Reads decimals exactly, as a client that cares about money would. */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  static final String ADMIN_BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(("admin:" + DpProcess.PASSWORD).getBytes(StandardCharsets.UTF_8));

  private AdminClients() {}
}
