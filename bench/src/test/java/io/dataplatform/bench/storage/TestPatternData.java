package io.dataplatform.bench.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPatternData {
  private final PatternData data = new PatternData(1);

  @Test
  void streamsTheSameBytesAsItFillsAcrossBlockBoundaries() throws IOException {
    long start = PatternData.BLOCK_LENGTH - 10;
    int length = PatternData.BLOCK_LENGTH + 100;
    byte[] streamed;
    try (InputStream in = data.stream(start, length)) {
      streamed = in.readAllBytes();
    }
    assertArrayEquals(data.bytes(start, length), streamed);
    assertEquals(data.bytes(start, 10)[0], data.bytes(start + PatternData.BLOCK_LENGTH, 1)[0]);
    assertEquals(-1, data.mismatch(start, streamed, 0, length));
  }

  @Test
  void verifyFindsTheFirstDifferentByte() {
    byte[] bytes = data.bytes(5, 5000);
    bytes[4321]++;
    IOException error =
        assertThrows(
            IOException.class,
            () -> data.verify(new ByteArrayInputStream(bytes), 5, 5000, "object k"));
    assertEquals("Cannot verify object k: byte differs at offset (4321)", error.getMessage());
  }

  @Test
  void verifyChecksTheLength() {
    byte[] bytes = data.bytes(0, 5000);
    IOException shorter =
        assertThrows(
            IOException.class,
            () -> data.verify(new ByteArrayInputStream(bytes, 0, 4000), 0, 5000, "object k"));
    assertEquals("Cannot verify object k: read 4000 bytes of 5000", shorter.getMessage());
    IOException longer =
        assertThrows(
            IOException.class,
            () -> data.verify(new ByteArrayInputStream(bytes), 0, 4000, "object k"));
    assertEquals("Cannot verify object k: longer than written (4000 bytes)", longer.getMessage());
  }

  @Test
  void fileBaselineWritesWhatItReadsBack(@TempDir Path directory) throws IOException {
    FileBaseline files = new FileBaseline(data);
    Path file = directory.resolve("large.bin");
    long length = 3 * (1 << 20) + 17;
    files.writeLarge(file, length);
    assertEquals(length, Files.size(file));
    files.readLarge(file, length);
    files.writeSmall(directory.resolve("small"), 3, 4096, 2);
    assertArrayEquals(
        data.bytes(2 * 4096, 4096),
        Files.readAllBytes(directory.resolve("small").resolve("object-000002")));
  }
}
