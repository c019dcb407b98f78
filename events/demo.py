"""Demo content of the events app (filled in by the events issue)."""


def load(stdout) -> None:
    stdout.write("  events : rien à charger pour l'instant")
