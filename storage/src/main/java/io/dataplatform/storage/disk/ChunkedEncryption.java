package io.dataplatform.storage.disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SSE-S3 at rest: each object gets a random 256-bit data key, wrapped by the master key with
 * AES-GCM. The object's bytes are encrypted in independent AES-GCM chunks of {@value #CHUNK_SIZE}
 * plaintext bytes. Chunk {@code i} uses the nonce {@code i} and authenticates {@code i} and a
 * last-chunk flag, so chunks cannot be reordered, dropped or truncated unnoticed, and a range read
 * decrypts only the chunks it covers.
 */
final class ChunkedEncryption {
  static final int CHUNK_SIZE = 64 * 1024;
  static final int TAG_LENGTH = 16;
  private static final int NONCE_LENGTH = 12;
  private static final byte[] WRAP_CONTEXT =
      "dp-storage-data-key-v1".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = new SecureRandom();

  private ChunkedEncryption() {}

  static byte[] newDataKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  static String wrap(MasterKey masterKey, byte[] dataKey) {
    byte[] nonce = new byte[NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, masterKey.secretKey(), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
      cipher.updateAAD(WRAP_CONTEXT);
      byte[] sealed = cipher.doFinal(dataKey);
      byte[] wrapped = Arrays.copyOf(nonce, NONCE_LENGTH + sealed.length);
      System.arraycopy(sealed, 0, wrapped, NONCE_LENGTH, sealed.length);
      return Base64.getEncoder().encodeToString(wrapped);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot wrap data key: AES-GCM failed", e);
    }
  }

  /** Unwraps a data key; a key wrapped under another master key fails with a clear error. */
  static byte[] unwrap(MasterKey masterKey, String wrapped, String object) {
    byte[] bytes = Base64.getDecoder().decode(wrapped);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          masterKey.secretKey(),
          new GCMParameterSpec(TAG_LENGTH * 8, bytes, 0, NONCE_LENGTH));
      cipher.updateAAD(WRAP_CONTEXT);
      return cipher.doFinal(bytes, NONCE_LENGTH, bytes.length - NONCE_LENGTH);
    } catch (AEADBadTagException e) {
      throw StorageErrors.internal(
          ("Cannot decrypt object: its data key was wrapped by a different master key than the one"
                  + " configured (%s)")
              .formatted(object));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Cannot unwrap data key: AES-GCM failed (%s)".formatted(object), e);
    }
  }

  /** Bytes on disk for a plaintext of {@code size} bytes. */
  static long encryptedLength(long size) {
    return size + chunkCount(size) * TAG_LENGTH;
  }

  static long chunkCount(long size) {
    return Math.max(1, (size + CHUNK_SIZE - 1) / CHUNK_SIZE);
  }

  static OutputStream encrypting(OutputStream out, byte[] dataKey) {
    return new EncryptingStream(out, dataKey);
  }

  /** Plaintext bytes {@code first..last} (inclusive) of an object of {@code size} bytes. */
  static InputStream decrypting(
      FileChannel channel, long size, byte[] dataKey, long first, long last) {
    return new DecryptingStream(channel, size, dataKey, first, last);
  }

  private static Cipher chunkCipher(int mode, byte[] dataKey, long index, boolean last)
      throws GeneralSecurityException {
    byte[] nonce = new byte[NONCE_LENGTH];
    ByteBuffer.wrap(nonce).putLong(4, index);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        mode, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
    cipher.updateAAD(ByteBuffer.allocate(9).putLong(index).put((byte) (last ? 1 : 0)).array());
    return cipher;
  }

  private static final class EncryptingStream extends OutputStream {
    private final OutputStream out;
    private final byte[] dataKey;
    private final byte[] buffer = new byte[CHUNK_SIZE];
    private int position;
    private long index;
    private boolean closed;

    EncryptingStream(OutputStream out, byte[] dataKey) {
      this.out = out;
      this.dataKey = dataKey;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      while (length > 0) {
        if (position == CHUNK_SIZE) {
          sealChunk(false);
        }
        int count = Math.min(length, CHUNK_SIZE - position);
        System.arraycopy(bytes, offset, buffer, position, count);
        position += count;
        offset += count;
        length -= count;
      }
    }

    private void sealChunk(boolean last) throws IOException {
      try {
        out.write(
            chunkCipher(Cipher.ENCRYPT_MODE, dataKey, index, last).doFinal(buffer, 0, position));
      } catch (GeneralSecurityException e) {
        throw new IOException("Cannot encrypt object chunk %d: AES-GCM failed".formatted(index), e);
      }
      index++;
      position = 0;
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        sealChunk(true);
        out.close();
      }
    }
  }

  private static final class DecryptingStream extends InputStream {
    private final FileChannel channel;
    private final long size;
    private final byte[] dataKey;
    private final long lastChunk;
    private long chunk;
    private long remaining;
    private byte[] plain = new byte[0];
    private int position;

    DecryptingStream(FileChannel channel, long size, byte[] dataKey, long first, long last) {
      this.channel = channel;
      this.size = size;
      this.dataKey = dataKey;
      this.lastChunk = chunkCount(size) - 1;
      this.chunk = first / CHUNK_SIZE;
      this.remaining = last - first + 1;
      this.position = -(int) (first % CHUNK_SIZE);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      while (position >= plain.length || position < 0) {
        int skip = position < 0 ? -position : 0;
        loadChunk();
        position = skip;
      }
      int count = (int) Math.min(Math.min(length, plain.length - position), remaining);
      System.arraycopy(plain, position, bytes, offset, count);
      position += count;
      remaining -= count;
      return count;
    }

    private void loadChunk() throws IOException {
      if (chunk > lastChunk) {
        throw new IOException("Cannot decrypt object: it ends before the requested range");
      }
      long plainLength = Math.min(CHUNK_SIZE, size - chunk * CHUNK_SIZE);
      ByteBuffer sealed = ByteBuffer.allocate((int) plainLength + TAG_LENGTH);
      long offset = chunk * (CHUNK_SIZE + (long) TAG_LENGTH);
      while (sealed.hasRemaining()) {
        if (channel.read(sealed, offset + sealed.position()) < 0) {
          throw new IOException("Cannot decrypt object: chunk %d is truncated".formatted(chunk));
        }
      }
      try {
        plain =
            chunkCipher(Cipher.DECRYPT_MODE, dataKey, chunk, chunk == lastChunk)
                .doFinal(sealed.array());
      } catch (GeneralSecurityException e) {
        throw new IOException(
            "Cannot decrypt object: chunk %d failed authentication".formatted(chunk), e);
      }
      chunk++;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
