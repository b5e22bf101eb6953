package dev.imagecatalog.query;


/** Go's {@code strconv} parsing, with its error texts: the daemon reports them as they are. */
public final class GoNumbers {

    private GoNumbers() {
    }

    /** {@code strconv.Atoi}: an optional sign, then decimal digits, within a 64-bit int. */
    public static long atoi(String text) {
        return parseSigned(text, "strconv.Atoi");
    }

    /** {@code strconv.ParseInt(text, 10, 64)}. */
    public static long parseInt(String text) {
        return parseSigned(text, "strconv.ParseInt");
    }

    private static long parseSigned(String text, String function) {
        Signed parsed = signed(text);
        if (parsed.problem() != null) {
            throw new InvalidQueryException(message(function, text, parsed.problem()));
        }
        return parsed.value();
    }

    /**
     * What {@code strconv.Atoi} returns beside its error, for callers that ignore the error (moby's
     * {@code versions.compare}): 0 for what is not a number, the nearest 64-bit bound past them.
     */
    public static long atoiIgnoringError(String text) {
        return signed(text).value();
    }

    /** What Go's signed parsing returns: the value (0, or the bound passed, when there is a problem) and the problem, or null. */
    private record Signed(long value, String problem) {
    }

    private static Signed signed(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
        if (start == text.length() || !digits(text, start)) {
            return new Signed(0, "invalid syntax");
        }
        try {
            return new Signed(Long.parseLong(text.charAt(0) == '+' ? text.substring(1) : text), null);
        } catch (NumberFormatException e) {
            return new Signed(text.charAt(0) == '-' ? Long.MIN_VALUE : Long.MAX_VALUE, "value out of range");
        }
    }

    /** {@code strconv.ParseBool}: 1, t, T, TRUE, true, True, and their false counterparts. */
    public static boolean parseBool(String text) {
        return switch (text) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new InvalidQueryException(message("strconv.ParseBool", text, "invalid syntax"));
        };
    }

    /** {@code strconv.ParseUint(text, 10, 16)}: digits only, at most 65535. */
    public static int parseUint16(String text) {
        if (text.isEmpty() || !digits(text, 0)) {
            throw new InvalidQueryException(message("strconv.ParseUint", text, "invalid syntax"));
        }
        String significant = text.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 5 || Integer.parseInt(significant) > 0xFFFF) {
            throw new InvalidQueryException(message("strconv.ParseUint", text, "value out of range"));
        }
        return Integer.parseInt(significant);
    }

    private static boolean digits(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** As Go's {@code *strconv.NumError} prints: the input quoted with Go's {@code %q}. */
    public static String message(String function, String text, String problem) {
        return function + ": parsing " + GoQuote.quote(text) + ": " + problem;
    }
}
