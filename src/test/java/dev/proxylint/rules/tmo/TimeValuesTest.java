package dev.proxylint.rules.tmo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxylint.facts.TimeValues;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fixed examples. The accepted/refused nginx values are the ones checked with {@code nginx -t} on
 * nginx 1.22.1 as {@code proxy_read_timeout} values.
 */
class TimeValuesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1w|604800000", "1d|86400000", "1h 30m|5400000", "1h30|3630000", "1h30m500ms|5400500", "0|0",
        "30ms5|5030", "1h |3600000", "60s|60000", "75|75000", "500ms|500"})
    void nginxAcceptsLikeNginx(String text, long millis) {
        assertEquals(OptionalLong.of(millis), TimeValues.nginxMillis(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M", "1y", "30 m", " 1h", "90s1m", "1m1m", "abc", "1.5s", "", "9223372036854775807",
        "$timeout", "1h-"})
    void nginxRefusesLikeNginx(String text) {
        assertTrue(TimeValues.nginxMillis(text).isEmpty(), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5m|5|m", "2h|2|h", "30|30|''", "90s|90|s", "500ms|500|ms", " 7 |7|''"})
    void apacheAtoi(String text, long seconds, String rest) {
        assertEquals(OptionalLong.of(seconds), TimeValues.apacheAtoiSeconds(text));
        assertEquals(rest, TimeValues.apacheAtoiRest(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5m|300", "2h|7200", "90s|90", "500ms|1", "5mi|300", "1d|86400", "10min|600"})
    void intendedSecondsOfAUnitValue(String text, long seconds) {
        assertEquals(OptionalLong.of(seconds), TimeValues.intendedSeconds(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5|s|5000", "5|ms|5", "250ms|s|250", "2mi|s|120000", "1h|ms|3600000"})
    void apacheUnits(String text, String dflt, long millis) {
        assertEquals(OptionalLong.of(millis), TimeValues.apacheUnitMillis(text, dflt));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|0s", "5400000|1h30m", "500|500ms", "604801000|1w1s"})
    void format(long millis, String text) {
        assertEquals(text, TimeValues.formatNginx(millis));
    }
}
