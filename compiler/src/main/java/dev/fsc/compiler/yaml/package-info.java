/** YAML trees with source positions (snakeyaml-engine underneath). */
package dev.fsc.compiler.yaml;
