package org.mosaic.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The byte scanner's numbers, signed ones included, are the doubles Double.parseDouble gives (the oracle). */
class GrowthCsvNumberTest {
    @Test
    void signedAndUnsignedDecimalsParseAsDoubleParseDouble() throws Exception {
        Random random = new Random(16);
        List<String> values = new ArrayList<>(List.of("-0.5", "-1", "-0", "+2.25", "-.5", "+.75", "-12.", "0.1",
                "-0.1", "-123456.789", "-3.3333333"));
        for (int i = 0; i < 2000; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(8));
            values.add(String.format(Locale.ROOT, "%." + random.nextInt(7) + "f", v));
        }
        StringBuilder csv = new StringBuilder("value\n");
        values.forEach(v -> csv.append(v).append('\n'));
        GroupUnitCsv.Scanner s = new GroupUnitCsv.Scanner(new ByteArrayInputStream(csv.toString()
                .getBytes(StandardCharsets.UTF_8)), "numbers.csv", new Problems());
        assertThat(s.next()).isTrue();
        for (String v : values) {
            assertThat(s.next()).isTrue();
            assertThat(Double.doubleToRawLongBits(s.number(0))).as(v)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(v)));
        }
        for (String bad : new String[] {"-", "+", "-.", "--1", "1-"}) {
            GroupUnitCsv.Scanner b = new GroupUnitCsv.Scanner(new ByteArrayInputStream(("value\n" + bad + "\n")
                    .getBytes(StandardCharsets.UTF_8)), "numbers.csv", new Problems());
            b.next();
            b.next();
            assertThat(b.number(0)).as(bad).isNaN();
        }
    }
}
