"""Demo content of the resources app (filled in by the resources issue)."""


def load(stdout) -> None:
    stdout.write("  resources : rien à charger pour l'instant")
