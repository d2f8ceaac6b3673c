package io.dataplatform.ingest.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dataplatform.api.DpException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TestBinaryColumns {
  /** PostgreSQL's binary {@code numeric}: digit count, weight, sign, display scale, digits. */
  private static byte[] numeric(int weight, int sign, int scale, int... digits) {
    ByteBuffer buffer = ByteBuffer.allocate(8 + 2 * digits.length);
    buffer.putShort((short) digits.length).putShort((short) weight);
    buffer.putShort((short) sign).putShort((short) scale);
    for (int digit : digits) {
      buffer.putShort((short) digit);
    }
    return buffer.array();
  }

  private static Object unscaled(int scale, byte[] numeric) {
    return BinaryColumns.unscaled("amount", scale, numeric, 0, numeric.length);
  }

  @Test
  void numericsBecomeTheirUnscaledValueAtTheColumnsScale() {
    // 12.34 = 12 (weight 0) + 3400/10000 (weight -1)
    assertEquals(1234L, unscaled(2, numeric(0, 0, 2, 12, 3400)));
    assertEquals(-1234L, unscaled(2, numeric(0, 0x4000, 2, 12, 3400)));
    // 10000 at scale 0: one digit of weight 1
    assertEquals(10000L, unscaled(0, numeric(1, 0, 0, 1)));
    // 0.5 at scale 2: a value with a smaller display scale than the column
    assertEquals(50L, unscaled(2, numeric(-1, 0, 1, 5000)));
    // zero has no digits
    assertEquals(0L, unscaled(4, numeric(0, 0, 0)));
    // -0.0000000001 at scale 10: weight -3 (10^-12), digit 100
    assertEquals(-1L, unscaled(10, numeric(-3, 0x4000, 10, 100)));
  }

  @Test
  void numericsPastALongAreExact() {
    // 1234567890123456789012345678.1234567890 in base 10,000, at scale 10
    byte[] wide = numeric(6, 0, 10, 1234, 5678, 9012, 3456, 7890, 1234, 5678, 1234, 5678, 9000);
    assertEquals(new BigInteger("12345678901234567890123456781234567890"), unscaled(10, wide));
  }

  @Test
  void notANumberIsRefusedWithTheColumn() {
    DpException error = assertThrows(DpException.class, () -> unscaled(2, numeric(0, 0xC000, 0)));
    assertEquals(
        "Cannot load column amount: a decimal column cannot hold NaN or infinity; select it as"
            + " text or filter those rows out",
        error.getMessage());
  }

  @Test
  void moreFractionalDigitsThanTheScaleAreRefused() {
    DpException error = assertThrows(DpException.class, () -> unscaled(2, numeric(-1, 0, 3, 1230)));
    assertEquals(
        "Cannot load column amount: a value has more than 2 fractional digits", error.getMessage());
  }

  @Test
  void aTruncatedNumericIsMalformed() {
    byte[] cut = numeric(0, 0, 2, 12, 3400);
    DpException error =
        assertThrows(
            DpException.class, () -> BinaryColumns.unscaled("amount", 2, cut, 0, cut.length - 2));
    assertEquals(
        "Cannot read column amount from PostgreSQL's binary COPY: a field of 10 bytes is not"
            + " numeric",
        error.getMessage());
  }

  @Test
  void datesAndTimestampsMoveToTheUnixEpochAndKeepTheirInfinities() {
    assertEquals(10_957, BinaryColumns.days(0));
    assertEquals(10_956, BinaryColumns.days(-1));
    assertEquals(Integer.MAX_VALUE, BinaryColumns.days(Integer.MAX_VALUE));
    assertEquals(-Integer.MAX_VALUE, BinaryColumns.days(Integer.MIN_VALUE));
    assertEquals(946_684_800_000_001L, BinaryColumns.micros(1));
    assertEquals(Long.MAX_VALUE, BinaryColumns.micros(Long.MAX_VALUE));
    assertEquals(-Long.MAX_VALUE, BinaryColumns.micros(Long.MIN_VALUE));
  }
}
