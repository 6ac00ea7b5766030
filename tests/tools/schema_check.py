#!/usr/bin/env python3
"""Validates YAML files against the handbook's JSON Schemas with an independent validator
(the `jsonschema` reference implementation). Reads a JSON list of
{"schema": path, "file": path, "front_matter": bool} from stdin and prints one line per file:
"ok PATH" or "invalid PATH: reason". Exit 0 when it ran."""
import json, sys

import jsonschema
import yaml


def load(path, front_matter):
    text = open(path, encoding="utf-8-sig").read()
    if front_matter:
        lines = text.split("\n")
        end = lines.index("---", 1)
        text = "\n".join(lines[1:end])
    # Dates stay text, as the engine reads them.
    class Loader(yaml.SafeLoader):
        pass
    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(text, Loader=Loader)


for job in json.load(sys.stdin):
    schema = json.load(open(job["schema"], encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    try:
        doc = load(job["file"], job.get("front_matter", False))
    except Exception as e:  # a file the YAML parser cannot read is invalid too
        print(f"invalid {job['file']}: {e}")
        continue
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        print(f"invalid {job['file']}: {errors[0].message}")
    else:
        print(f"ok {job['file']}")
