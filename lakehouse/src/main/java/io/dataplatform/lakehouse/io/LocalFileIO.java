package io.dataplatform.lakehouse.io;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * A {@link FileIO} over the local file system, without Hadoop. Accepts bare paths ({@code /x}) and
 * {@code file:} URIs ({@code file:/x}, {@code file:///x}), since other engines writing through the
 * REST catalog record locations in the URI form.
 */
public class LocalFileIO implements FileIO {
  /** Required by Iceberg, which instantiates the class named by {@code io-impl}. */
  public LocalFileIO() {}

  /** The plain file system path of a location in any of the accepted forms. */
  public static String toLocalPath(String location) {
    if (location.startsWith("file://")) {
      return location.substring("file://".length());
    }
    if (location.startsWith("file:")) {
      return location.substring("file:".length());
    }
    return location;
  }

  @Override
  public InputFile newInputFile(String path) {
    return org.apache.iceberg.Files.localInput(new File(toLocalPath(path)));
  }

  @Override
  public OutputFile newOutputFile(String path) {
    File file = new File(toLocalPath(path));
    File parent = file.getParentFile();
    if (parent != null && !parent.isDirectory() && !parent.mkdirs() && !parent.isDirectory()) {
      throw new UncheckedIOException(
          new IOException("Cannot create directory: mkdirs failed (" + parent + ")"));
    }
    return org.apache.iceberg.Files.localOutput(file);
  }

  @Override
  public void deleteFile(String path) {
    try {
      Files.delete(Paths.get(toLocalPath(path)));
    } catch (NoSuchFileException e) {
      // already gone: deleting is idempotent
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot delete file: " + e.getMessage() + " (" + path + ")", e);
    }
  }
}
