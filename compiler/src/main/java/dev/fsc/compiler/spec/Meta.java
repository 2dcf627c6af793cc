package dev.fsc.compiler.spec;

import java.util.List;

/** Documentation fields: they never change what a pipeline computes. */
public record Meta(String description, String owner, List<String> tags) {
    public Meta {
        tags = List.copyOf(tags);
    }
}
