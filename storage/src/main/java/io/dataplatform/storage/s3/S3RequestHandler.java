package io.dataplatform.storage.s3;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.gaul.s3proxy.S3ProxyHandler;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/** The protocol library's request handler, with its S3 error document writer made reachable. */
final class S3RequestHandler extends S3ProxyHandler {
  static final long MAX_SINGLE_PART_OBJECT_SIZE = 5L * 1024 * 1024 * 1024;
  static final long MAX_NON_CHUNKED_REQUEST_SIZE = 128L * 1024 * 1024;
  static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;
  static final int MAXIMUM_TIME_SKEW_SECONDS = 15 * 60;

  /**
   * @param virtualHost the base host name of virtual-host-style requests, or null to read every
   *     request path-style
   */
  S3RequestHandler(BlobStore store, String rootAccessKeyId, String rootSecret, String virtualHost) {
    super(
        store,
        AuthenticationType.AWS_V2_OR_V4,
        rootAccessKeyId,
        rootSecret,
        virtualHost,
        MAX_SINGLE_PART_OBJECT_SIZE,
        MAX_NON_CHUNKED_REQUEST_SIZE,
        MAX_CHUNK_SIZE,
        false,
        null,
        null,
        MAXIMUM_TIME_SKEW_SECONDS);
  }

  void sendError(
      HttpServletRequest request,
      HttpServletResponse response,
      String code,
      int status,
      String message)
      throws IOException {
    sendSimpleErrorResponse(request, response, code, status, message, Map.of());
  }
}
