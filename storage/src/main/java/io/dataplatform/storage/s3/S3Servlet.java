package io.dataplatform.storage.s3;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.gaul.s3proxy.S3ProxyHandler;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Front door of the S3 port: answers the unauthenticated health probes, hands every other request
 * to the protocol handler for its addressing style, and turns what the handler throws into S3 error
 * documents.
 */
final class S3Servlet extends HttpServlet {
  static final String LIVE_PATH = "/minio/health/live";
  static final String READY_PATH = "/minio/health/ready";

  private static final Logger LOG = LoggerFactory.getLogger(S3Servlet.class);
  private static final List<String> ERROR_HEADERS =
      List.of("ETag", "x-amz-delete-marker", "x-amz-version-id", "Allow");

  private final transient S3RequestHandler pathStyle;
  private final transient S3RequestHandler virtualHostStyle;
  private final String virtualHostBase;
  private final transient BooleanSupplier ready;

  S3Servlet(
      S3RequestHandler pathStyle,
      S3RequestHandler virtualHostStyle,
      String virtualHostBase,
      BooleanSupplier ready) {
    this.pathStyle = requireNonNull(pathStyle, "pathStyle");
    this.virtualHostStyle = requireNonNull(virtualHostStyle, "virtualHostStyle");
    this.virtualHostBase = virtualHostBase.toLowerCase(Locale.ROOT);
    this.ready = requireNonNull(ready, "ready");
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String method = request.getMethod();
    String path = request.getRequestURI();
    if ((method.equals("GET") || method.equals("HEAD"))
        && (path.equals(LIVE_PATH) || path.equals(READY_PATH))) {
      boolean up = path.equals(LIVE_PATH) || ready.getAsBoolean();
      response.setStatus(
          up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      return;
    }
    S3RequestHandler handler = handlerFor(request.getServerName());
    try (InputStream body = request.getInputStream()) {
      handler.doHandle(request, request, response, body, new S3ProxyHandler.RequestContext());
    } catch (Throwable failure) {
      reportFailure(handler, request, response, failure);
    }
  }

  /**
   * The protocol handler reads any host other than its configured base as a bucket name, so a
   * request to {@code 127.0.0.1:9000} must go to a handler without one.
   */
  private S3RequestHandler handlerFor(String host) {
    String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (name.equals(virtualHostBase) || name.endsWith("." + virtualHostBase)) {
      return virtualHostStyle;
    }
    return pathStyle;
  }

  private void reportFailure(
      S3RequestHandler handler,
      HttpServletRequest request,
      HttpServletResponse response,
      Throwable failure)
      throws IOException {
    AwsServiceException serviceError = causeOfType(failure, AwsServiceException.class);
    if (serviceError != null) {
      reportServiceError(handler, request, response, serviceError);
    } else if (failure instanceof IllegalArgumentException) {
      LOG.debug("Invalid S3 request {} {}", request.getMethod(), request.getRequestURI(), failure);
      handler.sendError(
          request, response, "InvalidArgument", 400, String.valueOf(failure.getMessage()));
    } else if (failure instanceof UnsupportedOperationException) {
      handler.sendError(
          request, response, "NotImplemented", 501, String.valueOf(failure.getMessage()));
    } else if (causeOfType(failure, TimeoutException.class) != null) {
      handler.sendError(
          request, response, "RequestTimeout", 400, "The request body was not received in time.");
    } else if (failure instanceof IOException io) {
      // reading the request or writing the response failed: the client went away or broke the
      // framing, so there is no one to send an error document to
      LOG.debug("S3 request aborted: {} {}", request.getMethod(), request.getRequestURI(), io);
      throw io;
    } else {
      LOG.error("S3 request failed: {} {}", request.getMethod(), request.getRequestURI(), failure);
      handler.sendError(
          request, response, "InternalError", 500, "We encountered an internal error.");
    }
  }

  private static void reportServiceError(
      S3RequestHandler handler,
      HttpServletRequest request,
      HttpServletResponse response,
      AwsServiceException error)
      throws IOException {
    SdkHttpResponse storeResponse = S3Exceptions.httpResponse(error);
    if (storeResponse != null) {
      for (String header : ERROR_HEADERS) {
        storeResponse.firstMatchingHeader(header).ifPresent(v -> response.setHeader(header, v));
      }
    }
    String code = S3Exceptions.errorCode(error);
    int status = error.statusCode();
    if (code != null) {
      String message =
          error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorMessage();
      handler.sendError(request, response, code, status, message == null ? "" : message);
      return;
    }
    switch (status) {
      case 412 -> {
        if (isNotModified(request)) {
          response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        } else {
          handler.sendError(
              request,
              response,
              "PreconditionFailed",
              412,
              "At least one of the pre-conditions you specified did not hold");
        }
      }
      case 416 ->
          handler.sendError(
              request, response, "InvalidRange", 416, "The requested range is not satisfiable");
      case 405 ->
          handler.sendError(
              request,
              response,
              "MethodNotAllowed",
              405,
              "The specified method is not allowed against this resource.");
      case 403 -> handler.sendError(request, response, "AccessDenied", 403, "Access Denied");
      case 400, 422 ->
          handler.sendError(
              request,
              response,
              "BadDigest",
              400,
              "The Content-MD5 you specified did not match what we received.");
      default -> response.setStatus(status);
    }
  }

  /** A failed If-None-Match or If-Modified-Since on a read means "not modified", not 412. */
  private static boolean isNotModified(HttpServletRequest request) {
    String method = request.getMethod();
    return (method.equals("GET") || method.equals("HEAD"))
        && request.getHeader("If-Match") == null
        && request.getHeader("If-Unmodified-Since") == null
        && (request.getHeader("If-None-Match") != null
            || request.getHeader("If-Modified-Since") != null);
  }

  private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
