"""Realistic synthetic data at a chosen scale: see lms.demo.load_data."""

import time

from django.core.management.base import BaseCommand, CommandError

from lms.demo.load_data import MAX_SEED, Context, generate, parse_scale, purge


class Command(BaseCommand):
    help = (
        "Generate realistic synthetic places, households and learners for benchmarks: "
        "--scale commune (30,000 learners), province (1,000,000) or a number of learners; "
        "--seed makes it reproducible. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="commune", help="commune, province or a number")
        parser.add_argument("--seed", type=int, default=1, help=f"0 to {MAX_SEED}")
        parser.add_argument(
            "--purge",
            action="store_true",
            dest="remove",
            help="Remove everything generated (the generated courses too) and stop.",
        )

    def handle(self, *args, scale: str, seed: int, remove: bool = False, **options):
        if remove:
            started = time.perf_counter()
            purge()
            self.stdout.write(
                f"Removed the generated data in {time.perf_counter() - started:.1f} s."
            )
            return
        if not 0 <= seed <= MAX_SEED:
            raise CommandError(f"--seed must be between 0 and {MAX_SEED}.")
        ctx = Context(scale=parse_scale(scale), seed=seed)
        started = time.perf_counter()
        if not generate(ctx):
            self.stdout.write(
                f"Generated data for scale {ctx.scale.name}, seed {seed} is already complete."
            )
            return
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{n:,} {kind}" for kind, n in ctx.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated scale {ctx.scale.name}, seed {seed} in {elapsed:.1f} s: {summary}."
            )
        )
