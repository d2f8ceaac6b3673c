package io.dataplatform.ingest.source.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReadBufferedSocketFactory {
  private final ReadBufferedSocketFactory factory = new ReadBufferedSocketFactory();

  @Test
  void readsEveryByteInOrderInSmallReads() throws Exception {
    byte[] sent = new byte[3 * ReadBufferedSocketFactory.READ_BUFFER + 12_345];
    new Random(7).nextBytes(sent);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> writer = sendToFirstPeer(server, sent);
      try (Socket socket = factory.createSocket(server.getInetAddress(), server.getLocalPort())) {
        InputStream in = socket.getInputStream();
        assertSame(in, socket.getInputStream());
        byte[] received = new byte[sent.length];
        int filled = 0;
        // the driver's reads: at most 8 KiB each
        while (filled < received.length) {
          int read = in.read(received, filled, Math.min(8192, received.length - filled));
          assertTrue(read > 0, "a read before the end returns bytes");
          filled += read;
        }
        assertEquals(-1, in.read());
        assertArrayEquals(sent, received);
      }
      writer.join();
    }
  }

  @Test
  void tlsLayeredOnTheSocketReadsThroughIt(@TempDir Path directory) throws Exception {
    // a self-signed key made by the JDK's keytool, trusted by the client
    Path keyStoreFile = directory.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStoreFile.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String keytoolOutput = new String(keytool.getInputStream().readAllBytes());
    assertEquals(0, keytool.waitFor(), keytoolOutput);
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStoreFile)) {
      keyStore.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, "changeit".toCharArray());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keyStore);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keys.getKeyManagers(), null, null);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, trust.getTrustManagers(), null);

    byte[] sent = new byte[2 * ReadBufferedSocketFactory.READ_BUFFER + 777];
    new Random(11).nextBytes(sent);
    try (ServerSocket server =
        serverContext
            .getServerSocketFactory()
            .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> writer = sendToFirstPeer(server, sent);
      Socket plain = factory.createSocket(server.getInetAddress(), server.getLocalPort());
      try (SSLSocket tls =
          (SSLSocket)
              clientContext
                  .getSocketFactory()
                  .createSocket(plain, "localhost", server.getLocalPort(), true)) {
        tls.startHandshake();
        assertEquals("TLSv1.3", tls.getSession().getProtocol());
        assertArrayEquals(sent, tls.getInputStream().readAllBytes());
      }
      writer.join();
    }
  }

  @Test
  void unconnectedSocketConnectsAndKeepsTimeouts() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket socket = factory.createSocket()) {
      socket.connect(server.getLocalSocketAddress());
      try (Socket peer = server.accept()) {
        peer.getOutputStream().write(new byte[] {1, 2});
        socket.setSoTimeout(50);
        InputStream in = socket.getInputStream();
        assertEquals(1, in.read());
        assertEquals(1, in.available());
        assertEquals(2, in.read());
        // nothing more sent: the driver's check for pending messages relies on the timeout
        SocketTimeoutException timeout = assertThrows(SocketTimeoutException.class, in::read);
        assertEquals("Read timed out", timeout.getMessage());
      }
    }
  }

  @Test
  void closedSocketHasNoInput() throws Exception {
    Socket socket = factory.createSocket();
    socket.close();
    SocketException closed = assertThrows(SocketException.class, socket::getInputStream);
    assertEquals("Socket is closed", closed.getMessage());
  }

  /** Accepts one connection on {@code server}, sends {@code bytes} and closes it. */
  private static CompletableFuture<Void> sendToFirstPeer(ServerSocket server, byte[] bytes) {
    return CompletableFuture.runAsync(
        () -> {
          try (Socket peer = server.accept();
              OutputStream out = peer.getOutputStream()) {
            out.write(bytes);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
