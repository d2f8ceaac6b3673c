package io.dataplatform.ingest.testing;

import java.util.List;

/**
 * A table {@code shop.every_type} with a column of every PostgreSQL type of the documented mapping,
 * one row of values in every column and one row of NULLs but an empty text.
 */
public final class EveryPostgresType {
  /** The value of {@code c_uuid} in the first row. */
  public static final String UUID_TEXT = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";

  /**
   * The statements that create the enum type and the table, in the existing schema {@code shop}.
   */
  public static final List<String> STATEMENTS =
      List.of(
          "CREATE TYPE shop.mood AS ENUM ('sad', 'happy')",
          "CREATE TABLE shop.every_type (id serial PRIMARY KEY, c_int2 int2, c_int4 int4, c_int8"
              + " int8, c_num numeric(10,2), c_num_free numeric, c_float4 float4, c_float8 float8,"
              + " c_text text, c_varchar varchar(10), c_char char(3), c_bool bool, c_date date,"
              + " c_time time, c_ts timestamp, c_tstz timestamptz, c_uuid uuid, c_json json,"
              + " c_jsonb jsonb, c_bytea bytea, c_array int4[], c_text_array text[], c_mood"
              + " shop.mood, c_interval interval)",
          "INSERT INTO shop.every_type (c_int2, c_int4, c_int8, c_num, c_num_free, c_float4,"
              + " c_float8, c_text, c_varchar, c_char, c_bool, c_date, c_time, c_ts, c_tstz,"
              + " c_uuid, c_json, c_jsonb, c_bytea, c_array, c_text_array, c_mood, c_interval)"
              + " VALUES (7, 100000, 9000000000, 12.34, 3.14159265358979323846, 1.5, 2.25, 'hello,"
              + " \"world\"', 'abc', 'ab', true, '2024-02-29', '13:45:30.123456', '2024-02-29"
              + " 13:45:30.123456', '2024-02-29 13:45:30+02', '"
              + UUID_TEXT
              + "', '{\"a\": 1}', '{\"a\": 1}', '\\x0102ff', '{1,2,3}', '{\"a\",\"b c\"}', 'happy',"
              + " '1 day 2 hours')",
          "INSERT INTO shop.every_type (c_text) VALUES ('')");

  private EveryPostgresType() {}
}
