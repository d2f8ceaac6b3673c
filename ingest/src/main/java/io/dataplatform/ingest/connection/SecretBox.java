package io.dataplatform.ingest.connection;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts connection secrets at rest with AES-256-GCM. A sealed value is {@code
 * dpsecret:v1:<base64 of nonce and ciphertext>}; the connection's name is authenticated with it, so
 * a sealed value copied into another connection does not open.
 */
public final class SecretBox {
  private static final String PREFIX = "dpsecret:v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param keyMaterial at least 32 bytes of secret key material (the server derives it from its
   *     master key); it is hashed into the AES key with a purpose label
   */
  public SecretBox(byte[] keyMaterial) {
    if (keyMaterial == null || keyMaterial.length < 32) {
      throw new IllegalArgumentException(
          "Cannot create secret box: the key needs 32 bytes or more");
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update("dp connection secrets v1".getBytes(StandardCharsets.UTF_8));
      this.key = new SecretKeySpec(digest.digest(keyMaterial), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot create secret box: " + e.getMessage(), e);
    }
  }

  public static boolean isSealed(Object value) {
    return value instanceof String text && text.startsWith(PREFIX);
  }

  /** Encrypts a secret of a connection. */
  public String seal(String connection, String secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(connection.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
      return PREFIX + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt secret: " + e.getMessage(), e);
    }
  }

  /** Decrypts a value {@link #seal} made for the same connection. */
  public String open(String connection, String sealed) {
    if (!isSealed(sealed)) {
      throw failure(connection, "the stored value is not encrypted");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw failure(connection, "the stored value is damaged");
    }
    if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
      throw failure(connection, "the stored value is damaged");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(connection.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw failure(
          connection,
          "it was encrypted with another key or for another connection; apply the connection"
              + " file again");
    }
  }

  private static DpException failure(String connection, String reason) {
    return new DpException(
        StandardErrorCode.INVALID_CONFIGURATION,
        "Cannot decrypt secret of connection " + connection + ": " + reason);
  }
}
