"""Runs the README's examples as jsii-rosetta translated them to Python, and compares their templates with the
TypeScript programs' (cdk.out.readme/, written by test/docs/readme-programs.test.ts).

Usage: python-readme.py <tablet> <cdk.out.readme> <workdir>
Each translation runs in a Python process of its own; every App it leaves at its top level is synthesized.
"""
import json
import os
import subprocess
import sys

RUNNER = """
import runpy, sys
import aws_cdk
import aws_cdk.cx_api
names = runpy.run_path(sys.argv[1])
apps = [value for value in names.values() if isinstance(value, aws_cdk.App)]
if not apps:
    sys.exit("the program created no App")
for app in apps:
    assembly = app.synth()
    # An error on a construct fails `cdk synth`: a README program reports a failed check that way.
    errors = [m.entry.data for stack in assembly.stacks for m in stack.messages if m.level == aws_cdk.cx_api.SynthesisMessageLevel.ERROR]
    if errors:
        sys.exit("errors: " + "; ".join(str(e) for e in errors))
"""


def resources(template_file):
    with open(template_file) as f:
        return json.load(f).get("Resources", {})


def main(tablet_file, typescript_dir, work):
    with open(tablet_file) as f:
        snippets = json.load(f)["snippets"].values()
    readme = [s for s in snippets if s["location"]["api"].get("api") == "moduleReadme"]
    failures = []
    for snippet in sorted(readme, key=lambda s: s["location"]["field"]["line"]):
        # rosetta counts the fence line; the TypeScript run names a program by its first line of code
        line = snippet["location"]["field"]["line"] + 1
        python = snippet["translations"]["python"]["source"]
        program = os.path.join(work, f"line_{line}.py")
        outdir = os.path.join(work, f"line-{line}")
        with open(program, "w") as f:
            f.write(python + "\n")
        run = subprocess.run(
            [sys.executable, "-c", RUNNER, program], env={**os.environ, "CDK_OUTDIR": outdir}, capture_output=True, text=True
        )
        if run.returncode != 0:
            failures.append(f"README.md:{line}: the Python translation failed:\n{run.stderr[-3000:]}")
            continue
        # Several Apps in one program write into one outdir in turn; the TypeScript run gives the first App's dir
        typescript = os.path.join(typescript_dir, f"line-{line}-app-1")
        templates = sorted(t for t in os.listdir(typescript) if t.endswith(".template.json"))
        differing = []
        for template in templates:
            ours = os.path.join(outdir, template)
            if not os.path.exists(ours):
                differing.append(f"{template}: not synthesized")
                continue
            python_resources, typescript_resources = resources(ours), resources(os.path.join(typescript, template))
            for logical_id in sorted({**python_resources, **typescript_resources}):
                if python_resources.get(logical_id) != typescript_resources.get(logical_id):
                    differing.append(f"{template}: {logical_id}")
        count = sum(len(resources(os.path.join(typescript, t))) for t in templates)
        print(f"README.md:{line}: Python translation, {len(templates)} template(s), {count} resources, {len(differing)} differing")
        if differing:
            failures.append(f"README.md:{line}: differs from TypeScript:\n  " + "\n  ".join(differing))
    if len(readme) == 0:
        failures.append("the tablet holds no README example")
    if failures:
        sys.exit("\n".join(failures))


if __name__ == "__main__":
    main(*sys.argv[1:])
