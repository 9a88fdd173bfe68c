"""The price list as data: load a TOML tariff, validate it once, expose it as frozen objects.

Every problem is reported with its key path (``charges[2] (phone.calls).tiers[1].from``); unknown
keys get a did-you-mean. Amounts are strings in the file and exact Decimals here. The charges are
the pricing models of `optimizer.pricing`, chosen by name; rules 3, 4 and 23 (24/7, usage needs
its service, the tie-break order) are derived from the data here, in one place each.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from optimizer.ground.errors import SelectionError, TariffError, shown
from optimizer.ground.usage import AMOUNT_FIELDS, COUNT_FIELDS, FLAG_FIELDS
from optimizer.pricing import MODELS, Charge, PerSecond
from optimizer.pricing.schema import Schema, did_you_mean

__all__ = [
    "DEFAULT_TARIFF",
    "MAX_FILE_BYTES",
    "NOT_TAKEN",
    "SERVICES",
    "Plan",
    "Selection",
    "Service",
    "Tariff",
    "load_tariff",
    "parse_tariff",
    "resolve_tariff",
    "tariff_from_text",
]

DEFAULT_TARIFF = "prijslijst"
SERVICES = ("phone", "chat")  # the services Usage and the public API know
NOT_TAKEN = frozenset({"", "NONE", "-", "NO", "GEEN"})
MAX_FILE_BYTES = 1_000_000
Selection = tuple[str | None, str | None]  # (phone plan, chat plan); None: not taken


@dataclass(frozen=True)
class Plan:
    name: str
    fee: Decimal
    open_24_7: bool


@dataclass(frozen=True)
class Service:
    key: str
    what: str
    dutch: str
    needs: tuple[str, ...]  # the Usage fields that need this service (rule 4)


@dataclass(frozen=True, eq=False)  # one object per tariff file: compared, hashed and cached by identity
class Tariff:
    name: str
    title: str
    currency: str
    source: str
    plans: dict[str, Plan]
    services: dict[str, Service]
    discount_rate: Decimal
    discount_what: str
    discount_dutch: str
    charges: tuple[Charge, ...]
    vat_rate: Decimal = Decimal(0)  # rule 32: BTW on an invoice's total (0: none)
    vat_what: str = "VAT"
    vat_dutch: str = "BTW"
    text: str = field(default="", repr=False)  # the tariff file's text, when it came from one (a workbook carries it)

    @property
    def plan_names(self) -> tuple[str, ...]:
        return tuple(self.plans)

    @property
    def plan_list(self) -> str:
        return ", ".join(self.plans)

    @cached_property
    def service_charges(self) -> dict[tuple[str, str], tuple[Charge, ...]]:
        """(service, plan) -> the charges of that service that apply on that plan, in file order."""
        return {(s, p): tuple(c for c in self.charges if c.service == s and c.applies(p))
                for s in self.services for p in self.plans}

    @cached_property
    def option_charges(self) -> tuple[Charge, ...]:
        """The charges of no service: the same whatever the plans (rules 15-19)."""
        return tuple(c for c in self.charges if c.service is None)

    def free_seconds(self, total_field: str) -> int:
        """The free seconds per contact of the per-second charge whose month total is
        `total_field` (rule 25: a call of d s adds max(0, ceil(d) - free) to it); 0 if none."""
        return next((s for c in self.charges if (s := c.free_seconds_of(total_field)) is not None), 0)

    def plan_name(self, value: object, argument: str = "plan") -> str | None:
        """A user's plan name (any case, stray spaces; blank or 'none' = not taken) checked."""
        if value is None:
            return None
        if not isinstance(value, str):
            raise SelectionError(f"{argument}: {shown(value)} is not a plan name ({self.plan_list})")
        name = value.strip().upper()
        if name in NOT_TAKEN:
            return None
        if name not in self.plans:
            raise SelectionError(f"{argument}: {value.strip()!r} is not a plan ({self.plan_list})")
        return name

# ----------------------------------------------------------------------------- loading

@lru_cache(maxsize=32)
def _load_cached(path: str, mtime_ns: int, size: int) -> Tariff:
    data = Path(path).read_bytes()
    return _parse_bytes(data, path)


@lru_cache(maxsize=8)
def _load_shipped(name: str) -> Tariff:
    ref = resources.files("optimizer.tariffs").joinpath(f"{name}.toml")
    if not ref.is_file():
        shipped = sorted(p.name.removesuffix(".toml") for p in resources.files("optimizer.tariffs")
                         .iterdir() if p.name.endswith(".toml"))
        raise TariffError(name, [f"no such tariff file, and no shipped tariff of that name "
                                 f"(shipped: {', '.join(shipped)})"])
    return _parse_bytes(ref.read_bytes(), f"optimizer/tariffs/{name}.toml")


def load_tariff(name_or_path: str | Path | Tariff | None = None) -> Tariff:
    """A tariff by shipped name (default: the price list) or by path to a TOML file; cached and
    re-read when the file changes. Every failure is a TariffError naming the file."""
    if isinstance(name_or_path, Tariff):
        return name_or_path
    if name_or_path is None:
        return _load_shipped(DEFAULT_TARIFF)
    if not isinstance(name_or_path, (str, Path)):
        raise TariffError(repr(name_or_path), ["a tariff is a shipped name or the path of a .toml file, "
                                               f"not {type(name_or_path).__name__}"])
    path = Path(name_or_path)
    if path.suffix.lower() == ".toml" or path.exists():
        try:
            stat = path.stat()
        except OSError as exc:
            raise TariffError(str(path), [f"cannot read: {exc.strerror}"]) from None
        if not path.is_file():
            raise TariffError(str(path), ["is not a file (a tariff is a .toml file)"])
        if stat.st_size > MAX_FILE_BYTES:
            raise TariffError(str(path), [f"{stat.st_size:,} bytes: too large for a tariff "
                                          f"(at most {MAX_FILE_BYTES:,})"])
        try:
            return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        except OSError as exc:
            raise TariffError(str(path), [f"cannot read: {exc.strerror}"]) from None
    if any(sep in str(name_or_path) for sep in ("/", "\\")):
        raise TariffError(str(path), ["cannot read: No such file or directory"])
    return _load_shipped(str(name_or_path))


@lru_cache(maxsize=16)
def tariff_from_text(text: str, source: str = "the workbook's tariff") -> Tariff:
    """A tariff from the text of a tariff file (as a workbook carries it), parsed once per text."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise TariffError(source, [f"too large for a tariff (at most {MAX_FILE_BYTES:,} bytes)"])
    return _parse_bytes(text.encode("utf-8"), source)


def resolve_tariff(tariff: Tariff | str | Path | None) -> Tariff:
    """A tariff given as an object, a shipped name, a path, or None (the shipped price list)."""
    return tariff if isinstance(tariff, Tariff) else load_tariff(tariff)


def _parse_bytes(data: bytes, source: str) -> Tariff:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TariffError(source, ["is not UTF-8 text (a tariff is a .toml file)"]) from None
    if "\0" in text:
        raise TariffError(source, ["is not text (a tariff is a .toml file)"])
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TariffError(source, [f"not valid TOML: {exc}"]) from None
    except RecursionError:
        raise TariffError(source, ["not valid TOML: nested too deeply"]) from None
    return replace(parse_tariff(document, source), text=text)


def parse_tariff(data: dict[str, Any], source: str = "<tariff>") -> Tariff:
    """Validate a parsed tariff document; raise TariffError listing every problem."""
    return _Parser(source).parse(data)


_TOP = {"tariff", "plans", "services", "discount", "vat", "charges"}
_VAT = {"rate", "what", "dutch"}
_TARIFF = {"name", "title", "currency"}
_PLAN = {"fee", "open_24_7"}
_SERVICE = {"what", "dutch", "needs"}
_DISCOUNT = {"per_extra_service", "what", "dutch"}


class _Parser(Schema):
    def parse(self, data: dict[str, Any]) -> Tariff:
        self.keys(data, "", _TOP, _TOP)
        head = self.keys(data.get("tariff", {}), "tariff", _TARIFF, {"name"})
        plans = self.parse_plans(data.get("plans", {}))
        services = self.parse_services(data.get("services", {}))
        disc = self.keys(data.get("discount", {}), "discount", _DISCOUNT, {"per_extra_service"})
        rate = Decimal(0)
        if "per_extra_service" in disc:
            rate = self.amount(disc["per_extra_service"], "discount.per_extra_service", whole_cents=False)
            if rate * (len(SERVICES) - 1) >= 1:
                self.fail("discount.per_extra_service", f"{rate} must be a fraction below 1 (0.1 = 10%)")
        vat = self.keys(data.get("vat", {}), "vat", _VAT, {"rate"} if "vat" in data else set())
        vat_rate = Decimal(0)
        if "rate" in vat:
            vat_rate = self.amount(vat["rate"], "vat.rate", whole_cents=False)
            if vat_rate >= 1:
                self.fail("vat.rate", f"{vat_rate} must be a fraction below 1 (0.21 = 21%)")
        charges = self.parse_charges(data.get("charges", []), plans, services)
        if self.problems:
            raise TariffError(self.source, self.problems)
        return Tariff(
            name=str(head.get("name", "")), title=str(head.get("title", head.get("name", ""))),
            currency=str(head.get("currency", "EUR")), source=self.source, plans=plans,
            services=services, discount_rate=rate,
            discount_what=str(disc.get("what", "Discount for each extra service")),
            discount_dutch=str(disc.get("dutch", "Korting per extra dienst")), charges=charges,
            vat_rate=vat_rate, vat_what=str(vat.get("what", "VAT")), vat_dutch=str(vat.get("dutch", "BTW")))

    def parse_plans(self, raw: Any) -> dict[str, Plan]:
        plans: dict[str, Plan] = {}
        if not isinstance(raw, dict) or not raw:
            self.fail("plans", "at least one plan is needed")
            return plans
        for name, table in raw.items():
            path = f"plans.{name}"
            if (name != name.strip().upper() or not name.strip() or name.strip().upper() in NOT_TAKEN
                    or "/" in name):
                self.fail(path, "plan names are upper case, without spaces or '/', and not 'NONE'")
            t = self.keys(table, path, _PLAN, _PLAN)
            fee = self.amount(t.get("fee", "0"), f"{path}.fee", whole_cents=True)
            open_24_7 = t.get("open_24_7", False)
            if not isinstance(open_24_7, bool):
                self.fail(f"{path}.open_24_7", f"{open_24_7!r} must be true or false")
            plans[name] = Plan(name, fee, bool(open_24_7))
        return plans

    def parse_services(self, raw: Any) -> dict[str, Service]:
        services: dict[str, Service] = {}
        table = self.keys(raw, "services", set(SERVICES), set(SERVICES))
        for key in SERVICES:
            if key not in table:
                continue
            path = f"services.{key}"
            t = self.keys(table[key], path, _SERVICE, {"what", "needs"})
            needs = t.get("needs", [])
            if not isinstance(needs, list):
                self.fail(f"{path}.needs", "must be a list of Usage fields")
                needs = []
            checked = tuple(self.usage_field(n, f"{path}.needs[{i}]", COUNT_FIELDS + AMOUNT_FIELDS + FLAG_FIELDS)
                            for i, n in enumerate(needs))
            services[key] = Service(key, self.text(t.get("what"), f"{path}.what"), str(t.get("dutch", "")), checked)
        return services

    def parse_charges(self, raw: Any, plans: dict[str, Plan], services: dict[str, Service]) -> tuple[Charge, ...]:
        if not isinstance(raw, list):
            self.fail("charges", "must be an array of tables ([[charges]])")
            return ()
        charges = []
        seen: set[str] = set()
        for i, table in enumerate(raw):
            label = table.get("key", "?") if isinstance(table, dict) else "?"
            path = f"charges[{i}] ({label})"
            model = table.get("model") if isinstance(table, dict) else None
            cls = MODELS.get(model) if isinstance(model, str) else None
            if cls is None:
                hint = did_you_mean(model, MODELS) or f" (models: {', '.join(MODELS)})"
                self.fail(f"{path}.model", f"unknown pricing model {model!r}{hint}")
                continue
            allowed = cls.common | cls.required | cls.optional
            t = self.keys(table, path, allowed, {"key", "what", "model"} | cls.required)
            key = self.text(t.get("key"), f"{path}.key")
            if key in seen:
                self.fail(f"{path}.key", f"{key!r} is used twice")
            seen.add(key)
            common = self.parse_common(t, path, plans, services)
            charges.append(cls.parse(t, path, self, common))
        self.check_totals(charges)
        return tuple(charges)

    def parse_common(self, t: dict[str, Any], path: str, plans: dict[str, Plan],
                     services: dict[str, Service]) -> dict[str, Any]:
        common: dict[str, Any] = {"key": str(t.get("key", "")), "what": self.text(t.get("what"), f"{path}.what"),
                                  "dutch": str(t.get("dutch", ""))}
        service = t.get("service")
        if service is not None and service not in services:
            self.fail(f"{path}.service", f"unknown service {service!r}{did_you_mean(service, services)}")
        common["service"] = service
        if "plans" in t:
            names = t["plans"]
            if service is None:
                self.fail(f"{path}.plans", "only a charge of a service can depend on the plan")
            if not isinstance(names, list) or not names:
                self.fail(f"{path}.plans", "must be a non-empty list of plan names")
                names = []
            for j, name in enumerate(names):
                if name not in plans:
                    hint = did_you_mean(name, plans) or f" (plans: {', '.join(plans)})"
                    self.fail(f"{path}.plans[{j}]", f"unknown plan {name!r}{hint}")
            common["plans"] = tuple(names)
        return common

    def check_totals(self, charges: list[Charge]) -> None:
        """A month total (rule 26) is counted per contact with one number of free seconds."""
        free: dict[str, int] = {}
        for c in charges:
            if isinstance(c, PerSecond) and c.total is not None and \
                    free.setdefault(c.total, c.free_seconds) != c.free_seconds:
                    self.fail(f"charges ({c.key}).free_seconds", f"{c.total} is counted with {free[c.total]} free "
                              f"seconds by another charge; one total has one number of free seconds")
