package dev.fsc.cli.sample;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Text for VARCHAR columns without an enum, shaped by the column's name: e-mail addresses, phone numbers,
 * ISO country and currency codes, names and titles; otherwise {@code <column>-<n>} from a small skewed pool,
 * so text columns repeat the way categories and fingerprints do.
 */
final class Words {
    private static final List<String> COUNTRIES = List.of("US", "GB", "DE", "FR", "CA", "ES", "IT", "NL", "BR", "IN",
            "MX", "AU", "JP", "PL", "SE", "IE", "PT", "BE", "AT", "CH");
    private static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "CAD", "BRL", "INR", "JPY", "AUD");
    private static final Zipf COUNTRY_SKEW = new Zipf(COUNTRIES.size(), 1.1);
    private static final Zipf CURRENCY_SKEW = new Zipf(CURRENCIES.size(), 1.1);
    private static final Zipf POOL = new Zipf(50, 0.8);

    private Words() {
    }

    /** The fixed set of values a column of this name takes (ISO country or currency codes), if it has one. */
    static Optional<List<String>> vocabulary(String column) {
        String name = column.toLowerCase(Locale.ROOT);
        return name.contains("country") ? Optional.of(COUNTRIES) : name.contains("currency") ? Optional.of(CURRENCIES) : Optional.empty();
    }

    static String value(String column, SplittableRandom rng, int maxLength) {
        String name = column.toLowerCase(Locale.ROOT);
        String text;
        if (name.contains("email")) {
            text = "user" + (10_000 + rng.nextInt(90_000)) + "@example.com";
        } else if (name.contains("phone")) {
            text = "+1555" + String.format(Locale.ROOT, "%07d", rng.nextInt(10_000_000));
        } else if (name.contains("country")) {
            text = COUNTRIES.get(COUNTRY_SKEW.sample(rng));
        } else if (name.contains("currency")) {
            text = CURRENCIES.get(CURRENCY_SKEW.sample(rng));
        } else if (name.endsWith("url")) {
            text = "https://example.com/" + name.replace('_', '-') + "/" + (1 + rng.nextInt(1000));
        } else if (name.endsWith("name") || name.equals("title")) {
            String stem = name.replaceAll("_?name$", "");
            stem = stem.isEmpty() ? "name" : stem;
            text = Character.toUpperCase(stem.charAt(0)) + stem.substring(1).replace('_', ' ') + " " + (1 + POOL.sample(rng));
        } else {
            text = name.replace('_', '-') + "-" + (1 + POOL.sample(rng));
        }
        return maxLength > 0 && text.length() > maxLength ? text.substring(0, maxLength) : text;
    }
}
