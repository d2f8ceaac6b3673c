package io.dataplatform.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.jinja.JinjaEnvironment;
import io.dataplatform.transform.jinja.RenderContext;
import io.dataplatform.transform.jinja.RenderMode;
import io.dataplatform.transform.project.ProjectLoader;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code modules.datetime}, {@code modules.re}, {@code modules.pytz} and {@code api.Relation}. */
class TestJinjaModules {
  private final FakeSqlRunner runner = new FakeSqlRunner();
  private final JinjaEnvironment environment =
      new JinjaEnvironment(
          ProjectLoader.load(Fixtures.project("selection"), Optional.empty(), Map.of()), runner);

  private String render(String template) {
    return environment.render(
        template,
        "models/inline.sql",
        new RenderContext(Optional.empty(), RenderMode.EXECUTE, false, m -> {}),
        Map.of());
  }

  @Test
  void datetimeConstructorsFormatsAndArithmetic() {
    assertEquals(
        "2024-03-01 00:00:00|2024-03-01T13:05:09|2024-03-01 13:05:09.000250",
        render(
            "{% set dt = modules.datetime %}{{ dt.datetime(2024, 3, 1) }}"
                + "|{{ dt.datetime(2024, 3, 1, 13, 5, 9).isoformat() }}"
                + "|{{ dt.datetime(2024, 3, 1, 13, 5, 9, 250) }}"));
    assertEquals(
        "Fri 01 March 2024, 01:05 PM, day 061, week 09|1-3-2024",
        render(
            "{{ modules.datetime.datetime(2024, 3, 1, 13, 5).strftime("
                + "'%a %d %B %Y, %I:%M %p, day %j, week %W') }}"
                + "|{{ modules.datetime.date(2024, 3, 1).strftime('%-d-%-m-%Y') }}"));
    assertEquals(
        "2024-02-23|2024-02-29 22:00:00|2024-03-02 06:30:00|7 days, 0:00:00|1 day, 12:00:00"
            + "|-1 day, 23:00:00|true|2024-03-01",
        render(
            "{% set dt = modules.datetime %}{% set d = dt.date(2024, 3, 1) %}"
                + "{{ d - dt.timedelta(days=7) }}"
                + "|{{ dt.datetime(2024, 3, 1) - dt.timedelta(hours=2) }}"
                + "|{{ dt.datetime(2024, 3, 1) + dt.timedelta(days=1, hours=6, minutes=30) }}"
                + "|{{ d - dt.date(2024, 2, 23) }}"
                + "|{{ dt.datetime(2024, 3, 2, 12) - dt.datetime(2024, 3, 1) }}"
                + "|{{ dt.timedelta(hours=-1) }}"
                + "|{{ dt.date(2024, 2, 23) < d }}"
                + "|{{ dt.datetime(2024, 3, 1, 23, 59).date() }}"));
    assertEquals(
        "2024-03-01 13:05:00|2024-03-01 12:05:00+00:00|1709294700.0|2024-03-01 13:05:00+01:00",
        render(
            "{% set dt = modules.datetime %}"
                + "{{ dt.datetime.strptime('01/03/2024 13:05', '%d/%m/%Y %H:%M') }}"
                + "|{{ modules.pytz.timezone('Europe/Berlin').localize("
                + "dt.datetime(2024, 3, 1, 13, 5)).astimezone(modules.pytz.utc) }}"
                + "|{{ dt.datetime(2024, 3, 1, 12, 5, tzinfo=dt.timezone.utc).timestamp() }}"
                + "|{{ dt.datetime.fromisoformat('2024-03-01T13:05:00+01:00') }}"));
  }

  @Test
  void todayAndNowAreTheCurrentTime() {
    String today = LocalDate.now().toString();
    String week = LocalDate.now().minusDays(7).toString();
    assertEquals(
        "where d >= '" + week + "' and d <= '" + today + "'",
        render(
            "{% set start = modules.datetime.date.today() - modules.datetime.timedelta(days=7) %}"
                + "where d >= '{{ start }}' and d <= '{{ modules.datetime.date.today() }}'"));
    String utcHour =
        LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH"));
    String rendered =
        render(
            "{{ modules.datetime.datetime.utcnow().strftime('%Y-%m-%d %H') }}"
                + "|{{ modules.datetime.datetime.now(modules.pytz.utc).tzinfo }}");
    assertTrue(rendered.equals(utcHour + "|UTC") || rendered.endsWith("|UTC"), rendered);
    assertEquals(utcHour.length() + 4, rendered.length(), rendered);
    assertEquals(
        LocalDate.now(ZoneOffset.UTC).getYear() + "|UTC|36",
        render(
            "{{ run_started_at.strftime('%Y') }}|{{ run_started_at.tzinfo }}"
                + "|{{ invocation_id | length }}"));
  }

  @Test
  void datetimeErrorsAreCompileErrors() {
    DpException parse =
        assertThrows(
            DpException.class,
            () -> render("{{ modules.datetime.datetime.strptime('2024-13', '%d.%m') }}"));
    assertEquals(
        "Cannot compile models/inline.sql: Cannot parse datetime: time data '2024-13' does not"
            + " match format '%d.%m' (models/inline.sql:1)",
        parse.getMessage());
    DpException operands =
        assertThrows(
            DpException.class,
            () -> render("select 1\n{{ modules.datetime.date(2024, 1, 1) + 1 }}"));
    assertEquals(
        "Cannot compile models/inline.sql: Cannot compute +: unsupported operand types"
            + " (date + Long) (models/inline.sql:2)",
        operands.getMessage());
  }

  @Test
  void regularExpressions() {
    assertEquals(
        "2024|03|a1,b22|x-y-z|a;b;c|none|ok|a\\.b|\\d and \\d",
        render(
            "{% set re = modules.re %}{% set m = re.match('(?P<year>\\d{4})-(\\d{2})', '2024-03-01') %}"
                + "{{ m.group('year') }}|{{ m.group(2) }}"
                + "|{{ re.findall(\"[a-z]\\d+\", 'a1 b22 c') | join(',') }}"
                + "|{{ re.sub('\\s+', '-', 'x  y z') }}"
                + "|{{ re.split(', *', 'a, b,c') | join(';') }}"
                + "|{{ 'none' if re.match('x', 'abc') is none else 'match' }}"
                + "|{{ 'ok' if re.search('B', 'abc', re.IGNORECASE) else 'no' }}"
                + "|{{ re.escape('a.b') }}|{{ '\\d' }} and {{ '\\\\d' }}"));
  }

  @Test
  void relationsCreatedThroughTheApiRenderLikeRefs() {
    assertEquals(
        "analytics.orders|orders|analytics|orders|dp|view|analytics.orders|orders",
        render(
            "{% set r = api.Relation.create(database='dp', schema='analytics', identifier='orders',"
                + " type='view') %}{{ r }}|{{ r.include(schema=False) }}|{{ r.schema }}"
                + "|{{ r.identifier }}|{{ r.database }}|{{ r.type }}|{{ r.render() }}|{{ r.name }}"));
    assertEquals(
        "main.orders|true",
        render(
            "{% set r = api.Relation.create(schema='main', identifier='orders') %}{{ r }}"
                + "|{{ r == ref('orders') }}"));
  }
}
