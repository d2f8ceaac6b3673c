package io.dataplatform.lakehouse.flight;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The batches sent to a client: the reader's own vectors, except that dictionary-encoded columns
 * (DuckDB ENUMs) are decoded to their values, since JDBC clients would otherwise see the indexes.
 */
final class OutgoingRoot implements AutoCloseable {
  private final VectorSchemaRoot source;
  private final DictionaryProvider dictionaries;
  private final VectorSchemaRoot root;
  private final List<FieldVector> decodedVectors = new ArrayList<>();

  OutgoingRoot(
      Schema schema,
      VectorSchemaRoot source,
      DictionaryProvider dictionaries,
      BufferAllocator allocator) {
    this.source = requireNonNull(source, "source");
    this.dictionaries = requireNonNull(dictionaries, "dictionaries");
    List<FieldVector> vectors = new ArrayList<>();
    for (int i = 0; i < source.getFieldVectors().size(); i++) {
      FieldVector vector = source.getVector(i);
      if (vector.getField().getDictionary() == null) {
        vectors.add(vector);
      } else {
        FieldVector decoded = schema.getFields().get(i).createVector(allocator);
        decodedVectors.add(decoded);
        vectors.add(decoded);
      }
    }
    this.root = new VectorSchemaRoot(schema.getFields(), vectors, 0);
  }

  /** The schema clients see: dictionary-encoded fields replaced by their value fields. */
  static Schema decodedSchema(Schema schema, DictionaryProvider dictionaries) {
    List<Field> fields = new ArrayList<>();
    for (Field field : schema.getFields()) {
      DictionaryEncoding encoding = field.getDictionary();
      if (encoding == null) {
        fields.add(field);
        continue;
      }
      Field values = dictionaries.lookup(encoding.getId()).getVector().getField();
      fields.add(
          new Field(
              field.getName(),
              new FieldType(field.isNullable(), values.getType(), null, field.getMetadata()),
              values.getChildren()));
    }
    return new Schema(fields, schema.getCustomMetadata());
  }

  VectorSchemaRoot root() {
    return root;
  }

  /** Makes the outgoing root show the batch the reader loaded last. */
  void loadCurrentBatch() {
    for (int i = 0; i < source.getFieldVectors().size(); i++) {
      FieldVector vector = source.getVector(i);
      DictionaryEncoding encoding = vector.getField().getDictionary();
      if (encoding != null) {
        Dictionary dictionary = dictionaries.lookup(encoding.getId());
        try (ValueVector decoded = DictionaryEncoder.decode(vector, dictionary)) {
          decoded.makeTransferPair(root.getVector(i)).transfer();
        }
      }
    }
    root.setRowCount(source.getRowCount());
  }

  @Override
  public void close() {
    decodedVectors.forEach(FieldVector::close);
  }
}
