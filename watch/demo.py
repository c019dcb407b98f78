"""Demo content of the watch app (filled in by the watch issue)."""


def load(stdout) -> None:
    stdout.write("  watch : rien à charger pour l'instant")
