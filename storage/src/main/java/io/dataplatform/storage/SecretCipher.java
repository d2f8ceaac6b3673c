package io.dataplatform.storage;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals short secrets with AES-256-GCM. The sealed form is base64 of nonce followed by ciphertext
 * and tag; the associated data (the access key id) binds a sealed secret to the key it belongs to,
 * so secrets cannot be swapped between entries of the key file.
 */
final class SecretCipher {
  static final int KEY_LENGTH = 32;
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  SecretCipher(byte[] keyBytes) {
    requireNonNull(keyBytes, "keyBytes");
    if (keyBytes.length != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "Cannot encrypt access keys: the key must be %d bytes (got %d)"
              .formatted(KEY_LENGTH, keyBytes.length));
    }
    this.key = new SecretKeySpec(keyBytes.clone(), "AES");
  }

  String seal(String secret, String associatedData) {
    byte[] nonce = new byte[NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(nonce, NONCE_LENGTH + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_LENGTH, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Cannot encrypt secret of access key %s: %s".formatted(associatedData, e.getMessage()),
          e);
    }
  }

  String open(String sealed, String associatedData) {
    try {
      byte[] bytes = Base64.getDecoder().decode(sealed);
      if (bytes.length <= NONCE_LENGTH) {
        throw new IllegalStateException(
            "Cannot decrypt secret of access key %s: the sealed value is too short"
                .formatted(associatedData));
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_LENGTH));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(bytes, NONCE_LENGTH, bytes.length - NONCE_LENGTH);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "Cannot decrypt secret of access key %s: wrong storage key or damaged key file"
              .formatted(associatedData),
          e);
    }
  }
}
