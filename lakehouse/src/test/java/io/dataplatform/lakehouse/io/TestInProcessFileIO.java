package io.dataplatform.lakehouse.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestInProcessFileIO {
  @TempDir Path directory;

  private InProcessFileIO io(DirectoryObjects objects) {
    return new InProcessFileIO(objects, directory.resolve("tmp"), Map.of());
  }

  @Test
  void aFileIsStoredWhenItsStreamClosesAndReadsBackWithSeeks() throws IOException {
    DirectoryObjects objects = new DirectoryObjects(directory.resolve("store"));
    InProcessFileIO io = io(objects);
    byte[] bytes = new byte[InProcessFileIO.MEMORY_BYTES + 12_345];
    new Random(7).nextBytes(bytes);
    String location = "s3://warehouse/t/metadata/big.avro";
    try (PositionOutputStream out = io.newOutputFile(location).create()) {
      out.write(bytes, 0, 1000);
      out.write(bytes[1000]);
      out.write(bytes, 1001, bytes.length - 1001);
      assertEquals(bytes.length, out.getPos());
      assertFalse(io.newInputFile(location).exists(), "nothing is visible before the close");
    }
    assertEquals(1, objects.puts.get());
    try (var temporary = Files.list(directory.resolve("tmp"))) {
      assertEquals(0, temporary.count(), "the spilled bytes are gone once stored");
    }
    InputFile input = io.newInputFile(location);
    assertEquals(bytes.length, input.getLength());
    try (SeekableInputStream in = input.newStream()) {
      in.seek(bytes.length - 10);
      byte[] tail = in.readNBytes(10);
      assertArrayEquals(java.util.Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length), tail);
      assertEquals(-1, in.read());
      in.seek(5);
      assertEquals(bytes[5] & 0xff, in.read());
      assertEquals(6, in.getPos());
      byte[] middle = new byte[100];
      in.seek(4_000_000);
      assertEquals(100, in.readNBytes(middle, 0, 100));
      assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 4_000_000, 4_000_100), middle);
    }
  }

  @Test
  void createRefusesAnExistingFileAndMissingFilesAreNotFound() throws IOException {
    DirectoryObjects objects = new DirectoryObjects(directory.resolve("store"));
    InProcessFileIO io = io(objects);
    String location = "s3://warehouse/t/metadata/v1.metadata.json";
    try (PositionOutputStream out = io.newOutputFile(location).create()) {
      out.write(new byte[] {1, 2, 3});
    }
    AlreadyExistsException exists =
        assertThrows(AlreadyExistsException.class, () -> io.newOutputFile(location).create());
    assertEquals("Cannot create file: it already exists (" + location + ")", exists.getMessage());
    try (PositionOutputStream out = io.newOutputFile(location).createOrOverwrite()) {
      out.write(new byte[] {4});
    }
    assertEquals(1, io.newInputFile(location).getLength());

    String missing = "s3://warehouse/t/metadata/none.avro";
    NotFoundException notFound =
        assertThrows(NotFoundException.class, () -> io.newInputFile(missing).getLength());
    assertEquals("Cannot read file: no such object (" + missing + ")", notFound.getMessage());
    assertThrows(NotFoundException.class, () -> io.newInputFile(missing).newStream());
    io.deleteFile(location);
    assertFalse(io.newInputFile(location).exists());
    io.deleteFile(location);
    IllegalArgumentException notS3 =
        assertThrows(IllegalArgumentException.class, () -> io.newInputFile("file:/tmp/x"));
    assertEquals(
        "Cannot use location: it is not an s3:// location (file:/tmp/x)", notS3.getMessage());
  }

  @Test
  void aPublishedFileIsStoredInOneWrite() throws IOException {
    DirectoryObjects objects = new DirectoryObjects(directory.resolve("store"));
    InProcessFileIO io = io(objects);
    Path staged = Files.write(directory.resolve("staged.parquet"), new byte[] {9, 8, 7});
    io.putFile("s3://warehouse/t/data/x.parquet", staged);
    assertTrue(io.newInputFile("s3://warehouse/t/data/x.parquet").exists());
    assertEquals(1, objects.puts.get());
  }
}
