package io.dataplatform.ingest.source.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * Sockets for the PostgreSQL driver whose input is read in blocks of {@value #READ_BUFFER} bytes.
 * The driver reads its socket 8 KiB at a time, so a full refresh that streams a table's COPY data
 * makes one {@code read} system call for every 8 KiB; behind this buffer it makes one for every
 * block the kernel has received, which on a fast local link is many times fewer.
 *
 * <p>Named by class in the driver's {@code socketFactory} property; the driver creates it through
 * its public no-argument constructor. TLS, when negotiated, is layered on these sockets and reads
 * through the same buffer.
 */
public final class ReadBufferedSocketFactory extends SocketFactory {
  static final int READ_BUFFER = 256 * 1024;

  @Override
  public Socket createSocket() {
    return new ReadBufferedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localAddress, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private static Socket connected(InetSocketAddress remote, InetSocketAddress local)
      throws IOException {
    Socket socket = new ReadBufferedSocket();
    try {
      if (local != null) {
        socket.bind(local);
      }
      socket.connect(remote);
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** A socket whose input stream is one buffered stream, created on first use. */
  private static final class ReadBufferedSocket extends Socket {
    private InputStream input;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (isClosed()) {
        throw new SocketException("Socket is closed");
      }
      if (input == null) {
        input = new BufferedInputStream(super.getInputStream(), READ_BUFFER);
      }
      return input;
    }
  }
}
