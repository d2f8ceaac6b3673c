package io.dataplatform.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.storage.S3Credentials;
import io.dataplatform.storage.disk.DiskBlobStore;
import io.dataplatform.storage.disk.MasterKey;
import io.dataplatform.storage.disk.ObjectEventListener;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStorageServerIT {
  private static final S3Credentials ROOT = new S3Credentials("server-root", "server-root-secret");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path root;

  @Test
  void readinessProbeFollowsTheGivenCheckAndLivenessStaysUp() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(true);
    try (var store = new DiskBlobStore(root, MasterKey.generate(), ObjectEventListener.NONE);
        var server = start(store, 0, ready)) {
      assertEquals(200, status(server, "/minio/health/ready"));
      ready.set(false);
      assertEquals(503, status(server, "/minio/health/ready"));
      assertEquals(200, status(server, "/minio/health/live"));
    }
  }

  @Test
  void closeStopsListeningAndFreesThePort() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    try (var store = new DiskBlobStore(root, MasterKey.generate(), ObjectEventListener.NONE)) {
      ObjectStorageServer server = start(store, port, new AtomicBoolean(true));
      assertEquals(port, server.port());
      assertEquals("http://127.0.0.1:" + port, server.endpoint().toString());
      assertEquals(200, status(server, "/minio/health/live"));
      server.close();
      assertThrows(java.net.ConnectException.class, () -> status(server, "/minio/health/live"));
      // the same port can be taken again at once
      try (ObjectStorageServer again = start(store, port, new AtomicBoolean(true))) {
        assertEquals(200, status(again, "/minio/health/live"));
      }
    }
  }

  @Test
  void aTakenPortIsReportedWithTheAddress() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        var store = new DiskBlobStore(root, MasterKey.generate(), ObjectEventListener.NONE)) {
      IllegalStateException error =
          assertThrows(
              IllegalStateException.class,
              () -> start(store, taken.getLocalPort(), new AtomicBoolean(true)));
      assertTrue(
          error.getMessage().startsWith("Cannot start the S3 API: ")
              && error.getMessage().endsWith("(127.0.0.1:" + taken.getLocalPort() + ")"),
          error.getMessage());
    }
  }

  private static ObjectStorageServer start(DiskBlobStore store, int port, AtomicBoolean ready) {
    return ObjectStorageServer.start(
        new ObjectStorageServer.Settings("127.0.0.1", port, "localhost"),
        store,
        ROOT,
        id -> id.equals(ROOT.accessKeyId()) ? Optional.of(ROOT.secretKey()) : Optional.empty(),
        ready::get);
  }

  private static int status(ObjectStorageServer server, String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(server.endpoint().resolve(path)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
