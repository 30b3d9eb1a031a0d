package dev.plugboard.sentry.http;

import java.util.Locale;
import java.util.regex.Pattern;

/** Tells loopback host names apart from the rest, without resolving anything. */
public final class Loopback {
    private static final Pattern V4 = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Loopback() {
    }

    /**
     * @param host a URI host: a name, an IPv4 literal or a bracketed IPv6 literal
     * @return whether it is {@code localhost}, in 127.0.0.0/8 or {@code ::1}
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("localhost.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        var m = V4.matcher(h);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 3; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
