package io.dataplatform.lakehouse.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLocalFileIO {
  @TempDir Path directory;

  @Test
  void acceptsBarePathsAndFileUris() throws Exception {
    assertEquals("/x/y.parquet", LocalFileIO.toLocalPath("/x/y.parquet"));
    assertEquals("/x/y.parquet", LocalFileIO.toLocalPath("file:/x/y.parquet"));
    assertEquals("/x/y.parquet", LocalFileIO.toLocalPath("file:///x/y.parquet"));
    LocalFileIO io = new LocalFileIO();
    Path file = directory.resolve("a/b/data.txt");
    try (var out = io.newOutputFile("file:" + file).create()) {
      out.write("hello".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("hello", Files.readString(file));
    assertEquals(5, io.newInputFile("file://" + file).getLength());
    io.deleteFile(file.toString());
    io.deleteFile(file.toString());
    assertFalse(Files.exists(file));
  }
}
