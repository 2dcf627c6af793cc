/** The spec language: loading YAML files into immutable spec records, checked against the JSON Schemas. */
package dev.fsc.compiler.spec;
