package io.clusterca.webhook.rules;

/**
 * A field path in the API server's notation ({@code spec.volumes[1].projected.sources[0]}, {@code data[token]}).
 * Built as a chain of segments and rendered only when a violation needs it, so walking a clean object builds
 * no strings.
 */
public final class FieldPath {
    private enum Form { FIELD, INDEX, KEY }

    private final FieldPath parent;
    private final Form form;
    private final String name;
    private final int index;

    private FieldPath(FieldPath parent, Form form, String name, int index) {
        this.parent = parent;
        this.form = form;
        this.name = name;
        this.index = index;
    }

    public static FieldPath of(String field) {
        return new FieldPath(null, Form.FIELD, field, -1);
    }

    public FieldPath child(String field) {
        return new FieldPath(this, Form.FIELD, field, -1);
    }

    public FieldPath index(int index) {
        return new FieldPath(this, Form.INDEX, null, index);
    }

    /** A map key, e.g. the {@code token} of {@code data[token]}. */
    public FieldPath key(String key) {
        return new FieldPath(this, Form.KEY, key, -1);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(64);
        render(out);
        return out.toString();
    }

    private void render(StringBuilder out) {
        if (parent != null) {
            parent.render(out);
        }
        switch (form) {
            case FIELD -> {
                if (parent != null) {
                    out.append('.');
                }
                out.append(name);
            }
            case INDEX -> out.append('[').append(index).append(']');
            case KEY -> out.append('[').append(name).append(']');
        }
    }
}
