package org.mosaic.io.oneroster;

/** The OneRoster CSV versions Mosaic reads and writes (IMS Global / 1EdTech). */
public enum OneRosterVersion {
    V1_1("1.1"), V1_2("1.2");

    private final String text;

    OneRosterVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static OneRosterVersion parse(String s) {
        String t = s == null ? "" : s.trim();
        for (OneRosterVersion v : values()) {
            if (v.text.equals(t) || ("v" + v.text).equalsIgnoreCase(t)) {
                return v;
            }
        }
        return null;
    }
}
