# Sourced by bench/pit/run.sh and bench/window/run.sh: builds the bench/pit project and defines how its JVMs run.
#   spark_java HEAP TMPDIR MAIN_CLASS ARGS...   java with Spark's module options, pinned to cores 0,1 when possible
#   pressure                                    CPU pressure of the last 60 s (% of time some task waited for a CPU)
pit_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
echo "bench: building bench/pit..." >&2
mvn -q -f "$pit_dir/pom.xml" package -DskipTests
pit_cp="$pit_dir/target/fsc-bench-pit-0.1.0-SNAPSHOT.jar:$(cat "$pit_dir/target/classpath.txt")"

pin=()
if command -v taskset >/dev/null && taskset -c 0,1 true 2>/dev/null; then pin=(taskset -c 0,1); fi

spark_java() {
  local heap_opt="$1" tmp="$2"; shift 2
  SPARK_LOCAL_IP=127.0.0.1 "${pin[@]}" java @"$pit_dir/jvm.options" "-Xmx$heap_opt" -Djava.io.tmpdir="$tmp" \
    -cp "$pit_cp" "$@"
}

pressure() { sed -n 's/^some avg10=\([0-9.]*\) avg60=\([0-9.]*\).*/\2/p' /proc/pressure/cpu 2>/dev/null || echo n/a; }
