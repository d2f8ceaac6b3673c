package io.dataplatform.ingest.testing;

import java.util.List;

/**
 * A table {@code shop.text_type} with a column of PostgreSQL types the platform keeps as text
 * (arrays as JSON, {@code timetz}, {@code money}, network addresses, bit strings, geometric types,
 * …), with values that are easy to write differently: offsets, negative amounts, leading zero bits,
 * floats in exponent form, arrays with NULLs, quotes, bounds and two dimensions.
 */
public final class PostgresTextTypes {
  /** The columns, in order, for a query that compares two tables. */
  public static final String COLUMNS =
      "id, c_timetz, c_money, c_inet, c_inet24, c_cidr, c_mac, c_mac8, c_bit1, c_bit4, c_varbit,"
          + " c_point, c_box, c_lseg, c_line, c_circle, c_path, c_polygon, c_xml, c_range,"
          + " c_tsv, c_lsn, c_dates, c_nums, c_ts, c_tstz, c_bools, c_floats, c_jsonbs, c_uuids,"
          + " c_grid, c_texts, c_intervals, c_byteas, c_times, c_bounded";

  /** The statements that create the table, in the existing schema {@code shop}, with 3 rows. */
  public static final List<String> STATEMENTS =
      List.of(
          "CREATE TABLE shop.text_type (id int PRIMARY KEY, c_timetz timetz, c_money money,"
              + " c_inet inet, c_inet24 inet, c_cidr cidr, c_mac macaddr, c_mac8 macaddr8, c_bit1"
              + " bit(1), c_bit4 bit(4), c_varbit varbit, c_point point, c_box box, c_lseg lseg,"
              + " c_line line, c_circle circle, c_path path, c_polygon polygon, c_xml xml,"
              + " c_range int4range, c_tsv tsvector, c_lsn pg_lsn, c_dates date[], c_nums"
              + " numeric[], c_ts timestamp[], c_tstz timestamptz[], c_bools bool[], c_floats"
              + " float8[], c_jsonbs jsonb[], c_uuids uuid[], c_grid int4[], c_texts text[],"
              + " c_intervals interval[], c_byteas bytea[], c_times time[], c_bounded int4[],"
              + " c_touched int)",
          insert(
              1,
              "'13:45:30+02', 12.34, '192.168.0.1', '10.1.2.3/24', '10.0.0.0/8',"
                  + " '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05', B'1', B'1010', B'0101',"
                  + " '(1,2.5)', '((0,0),(1,1))', '[(0,0),(1,1)]', '{1,2,3}', '<(0,0),1>',"
                  + " '[(0,0),(1,1)]', '((0,0),(1,1),(1,0))', '<a>x</a>', '[1,5)', 'a fat cat',"
                  + " '16/B374D848', '{2024-02-29,NULL}', '{1.5,2,NaN}', '{\"2024-02-29"
                  + " 13:45:30.5\"}', '{\"2024-02-29 13:45:30+02\"}', '{t,f}',"
                  + " '{1.5,1e300,NaN,-Infinity}', ARRAY['{\"a\": 1}'::jsonb],"
                  + " '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', '{{1,2},{3,4}}', '{}',"
                  + " '{\"1 day\",\"-2 hours\"}', '{\"\\\\x0102\"}', '{13:45:30.5}', '{7}'"),
          insert(
              2,
              "'23:59:59.123456-05:30', -5.5, '::1', '2001:db8::1/64', '2001:db8::/32',"
                  + " '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05', B'0', B'0001',"
                  + " B'00000001', '(1e-05,1e15)', '((0.1,-2.5e-300),(3,4))', '[(0,0),(1e20,1)]',"
                  + " '{0.5,-1,0}', '<(1,1),0.001>', '((0,0),(1,1))', '((0,0),(2,2),(2,0))',"
                  + " '<b a=\"1\"/>', 'empty', '', '0/0', '{infinity,-infinity}',"
                  + " '{-0.0001,1e-20,Infinity}', '{infinity,\"2024-01-01 00:00:00.000001\"}',"
                  + " '{\"2024-02-29 13:45:30.123456+05:30\",infinity}', '{NULL,t}',"
                  + " '{0.1,-0,1e-05,123456789012345678}', '{null,\"[1, \\\"x\\\"]\"}',"
                  + " '{}', '{{{1}},{{2}}}', ARRAY['a,b', 'c\"d', 'e\\f', 'NULL', NULL, '',"
                  + " ' sp ', 'line' || chr(10) || 'tab' || chr(9) || 'é'], '{}', '{}',"
                  + " '{24:00:00}', '[0:1]={5,6}'"),
          "INSERT INTO shop.text_type (id) VALUES (3)");

  private PostgresTextTypes() {}

  /** An insert of row {@code id} with the values of every column but {@code c_touched}. */
  public static String insert(int id, String values) {
    return "INSERT INTO shop.text_type (" + COLUMNS + ") VALUES (" + id + ", " + values + ")";
  }
}
