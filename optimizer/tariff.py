"""The price list as data: load a TOML tariff, validate it once, expose it as frozen objects.

Every problem is reported with its key path (``charges[2] (phone.calls).tiers[1].from``); unknown
keys get a did-you-mean. Amounts are strings in the file and exact Decimals here.
"""
from __future__ import annotations

import difflib
import math
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import SelectionError, TariffError
from .usage import AMOUNT_FIELDS, COUNT_FIELDS, FLAG_FIELDS, USAGE_FIELDS, Usage

__all__ = [
    "DEFAULT_TARIFF",
    "MODELS",
    "SERVICES",
    "Charge",
    "Pack",
    "PackTable",
    "Plan",
    "Service",
    "Tariff",
    "Tier",
    "load_tariff",
    "parse_tariff",
]

DEFAULT_TARIFF = "prijslijst"
SERVICES = ("phone", "chat")  # the services Usage and the public API know
MODELS = ("flat", "per_unit", "graduated", "volume", "included", "per_second", "pack_cover")
NOT_TAKEN = {"", "NONE", "-", "NO"}


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
    needs: tuple[str, ...]

    def needed_by(self, usage: Usage) -> bool:
        return any(getattr(usage, name) for name in self.needs)


@dataclass(frozen=True)
class Tier:
    first: int
    last: int | None  # None: open-ended
    price: Decimal


@dataclass(frozen=True)
class Pack:
    size: int
    price: Decimal


class PackTable:
    """Cheapest way to cover at least k*g units with packs (g = gcd of the sizes), for every k.

    Exchange argument: in some optimal cover every pack other than the best-ratio one is used
    fewer than best.size/gcd(size, best.size) times, so above M = sum of those bounds every optimum
    holds a best pack and cost(C) = cost(C - best.size) + best.price. A small table up to
    M + best.size answers every k in O(1) (plus the pack walk-back).
    """

    def __init__(self, packs: tuple[Pack, ...]) -> None:
        self.packs = packs
        self.price_cents = [int(p.price * 100) for p in packs]
        self.g = math.gcd(*(p.size for p in packs))
        self.best = min(range(len(packs)),
                        key=lambda i: (Fraction(self.price_cents[i], packs[i].size), -packs[i].size))
        best = packs[self.best]
        self.step = best.size // self.g  # k-units per best pack
        bound = sum((best.size // math.gcd(p.size, best.size) - 1) * p.size
                    for i, p in enumerate(packs) if i != self.best)
        self.top = -(-(bound + best.size) // self.g)
        cost = [0] * (self.top + 1)
        choice = [-1] * (self.top + 1)
        for k in range(1, self.top + 1):
            options = [(cost[max(0, k - p.size // self.g)] + self.price_cents[i], i)
                       for i, p in enumerate(packs)]
            cost[k], choice[k] = min(options)
        self.cost = cost
        self.choice = choice
        self.covered = [sum(n * p.size for n, p in zip(self.cover(k)[1], packs, strict=True))
                        for k in range(self.top + 1)]

    def cover(self, k: int) -> tuple[int, list[int]]:
        """(cents, count per pack) of the cheapest packs covering at least k*g units."""
        extra = 0
        if k > self.top:
            extra = -(-(k - self.top) // self.step)
            k -= extra * self.step
        counts = [0] * len(self.packs)
        counts[self.best] += extra
        cents = self.cost[k] + extra * self.price_cents[self.best]
        while k > 0:
            i = self.choice[k]
            counts[i] += 1
            k = max(0, k - self.packs[i].size // self.g)
        return cents, counts


@dataclass(frozen=True)
class Charge:
    """One charge of the price list, priced by the pricing model named in `model`."""

    key: str
    what: str
    dutch: str
    model: str
    service: str | None = None
    plans: tuple[str, ...] | None = None
    quantity: str | None = None
    unit: str = ""
    price: Decimal | None = None
    tiers: tuple[Tier, ...] = ()
    included: int = 0
    seconds: str | None = None
    free_seconds: Decimal = Decimal(0)
    per_minute: Decimal | None = None
    when: str | None = None
    unit_price: Decimal | None = None
    unlimited: Decimal | None = None
    packs: tuple[Pack, ...] = ()
    billing: str = "monthly"
    table: PackTable | None = field(default=None, compare=False, repr=False)

    def applies(self, plan: str) -> bool:
        return self.plans is None or plan in self.plans

    @property
    def group(self) -> str:
        return self.service or "options"


@dataclass(frozen=True)
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

    @property
    def plan_names(self) -> tuple[str, ...]:
        return tuple(self.plans)

    @cached_property
    def service_charges(self) -> dict[tuple[str, str], tuple[Charge, ...]]:
        """(service, plan) -> the charges of that service that apply on that plan."""
        return {(s, p): tuple(c for c in self.charges if c.service == s and c.applies(p))
                for s in self.services for p in self.plans}

    @cached_property
    def option_charges(self) -> tuple[Charge, ...]:
        return tuple(c for c in self.charges if c.service is None)

    @cached_property
    def selections(self) -> tuple[tuple[str | None, str | None], ...]:
        """Every (phone, chat) choice, in the tie-break order of PRICING.md rule 23."""
        order: dict[str | None, int] = {None: -1, **{p: i for i, p in enumerate(self.plans)}}
        every = [(p, c) for p in (None, *self.plans) for c in (None, *self.plans)]
        return tuple(sorted(every, key=lambda s: (
            sum(x is not None for x in s),
            sum(self.plans[x].fee for x in s if x is not None),
            order[s[0]], order[s[1]])))

    def plan_name(self, value: object, argument: str = "plan") -> str | None:
        """A user's plan name (any case, stray spaces; blank or 'none' = not taken) checked."""
        if value is None:
            return None
        if not isinstance(value, str):
            raise SelectionError(f"{argument}: {value!r} is not a plan name ({self.plan_list})")
        name = value.strip().upper()
        if name in NOT_TAKEN:
            return None
        if name not in self.plans:
            raise SelectionError(f"{argument}: {value.strip()!r} is not a plan ({self.plan_list})")
        return name

    @property
    def plan_list(self) -> str:
        return ", ".join(self.plans)

    def selection_problem(self, usage: Usage, phone: str | None, chat: str | None) -> str | None:
        """Why (phone, chat) cannot serve this usage (rules 3 and 4), or None when it can."""
        chosen = {"phone": phone, "chat": chat}
        for key, service in self.services.items():
            if chosen[key] is None and service.needed_by(usage):
                used = ", ".join(n for n in service.needs if getattr(usage, n))
                return f"the {key} service ({service.what}) is needed for {used} but not taken"
        if usage.need_24_7:
            for key, plan in chosen.items():
                if plan is not None and not self.plans[plan].open_24_7:
                    open_plans = ", ".join(p for p, v in self.plans.items() if v.open_24_7)
                    return f"need_24_7: {key} plan {plan} is not reachable 24/7 ({open_plans} are)"
        return None


# ----------------------------------------------------------------------------- loading

@lru_cache(maxsize=32)
def _load_cached(path: str, mtime_ns: int, size: int) -> Tariff:
    text = Path(path).read_text(encoding="utf-8")
    return _parse_text(text, path)


@lru_cache(maxsize=8)
def _load_shipped(name: str) -> Tariff:
    ref = resources.files("optimizer.tariffs").joinpath(f"{name}.toml")
    if not ref.is_file():
        shipped = sorted(p.name.removesuffix(".toml") for p in resources.files("optimizer.tariffs")
                         .iterdir() if p.name.endswith(".toml"))
        raise TariffError(name, [f"no such tariff file, and no shipped tariff of that name "
                                 f"(shipped: {', '.join(shipped)})"])
    return _parse_text(ref.read_text(encoding="utf-8"), f"optimizer/tariffs/{name}.toml")


def load_tariff(name_or_path: str | Path | Tariff | None = None) -> Tariff:
    """A tariff by shipped name (default: the price list) or by path to a TOML file; cached."""
    if isinstance(name_or_path, Tariff):
        return name_or_path
    if name_or_path is None:
        return _load_shipped(DEFAULT_TARIFF)
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        try:
            stat = path.stat()
        except OSError as exc:
            raise TariffError(str(path), [f"cannot read: {exc.strerror}"]) from None
        return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    return _load_shipped(str(name_or_path))


def _parse_text(text: str, source: str) -> Tariff:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TariffError(source, [f"not valid TOML: {exc}"]) from None
    return parse_tariff(data, source)


def parse_tariff(data: dict[str, Any], source: str = "<tariff>") -> Tariff:
    """Validate a parsed tariff document; raise TariffError listing every problem."""
    return _Parser(source).parse(data)


_TOP = {"tariff", "plans", "services", "discount", "charges"}
_TARIFF = {"name", "title", "currency"}
_PLAN = {"fee", "open_24_7"}
_SERVICE = {"what", "dutch", "needs"}
_DISCOUNT = {"per_extra_service", "what", "dutch"}
_COMMON = {"key", "what", "dutch", "model", "service", "plans"}
_MODEL_KEYS: dict[str, tuple[set[str], set[str]]] = {  # model -> (required, optional)
    "flat": ({"when", "price"}, set()),
    "per_unit": ({"quantity", "price"}, {"unit"}),
    "graduated": ({"quantity", "tiers"}, {"unit"}),
    "volume": ({"quantity", "tiers"}, {"unit"}),
    "included": ({"quantity", "included", "price"}, {"unit"}),
    "per_second": ({"quantity", "seconds", "free_seconds", "per_minute"}, set()),
    "pack_cover": ({"quantity"}, {"unit", "unit_price", "unlimited", "packs", "billing"}),
}


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def keys(self, table: Any, path: str, allowed: set[str], required: frozenset[str] | set[str] = frozenset()
             ) -> dict[str, Any]:
        if not isinstance(table, dict):
            self.fail(path, f"must be a table, not {type(table).__name__}")
            return {}
        for key in table:
            if key not in allowed:
                near = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else f" (allowed: {', '.join(sorted(allowed))})"
                self.fail(f"{path}.{key}" if path else key, f"unknown key{hint}")
        for key in sorted(required - set(table)):
            self.fail(f"{path}.{key}" if path else key, "missing")
        return table

    def money(self, value: Any, path: str) -> Decimal:
        if not isinstance(value, str):
            self.fail(path, f"amount {value!r} must be a string such as \"12.34\", so it stays exact")
            return Decimal(0)
        try:
            amount = Decimal(value.strip())
        except InvalidOperation:
            self.fail(path, f"{value!r} is not an amount")
            return Decimal(0)
        if not amount.is_finite() or amount < 0:
            self.fail(path, f"{value!r}: a price must be a finite amount >= 0")
            return Decimal(0)
        return amount

    def whole(self, value: Any, path: str, minimum: int = 0) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(path, f"{value!r} must be a whole number >= {minimum}")
            return minimum
        return value

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"{value!r} must be non-empty text")
            return ""
        return value

    def usage_field(self, value: Any, path: str, kinds: tuple[str, ...]) -> str:
        if value in kinds:
            return str(value)
        near = difflib.get_close_matches(str(value), list(kinds), n=1)
        if value in USAGE_FIELDS:
            self.fail(path, f"{value!r} is a Usage field of the wrong kind here")
        else:
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            self.fail(path, f"{value!r} is not a Usage field{hint}")
        return str(value)

    def parse(self, data: dict[str, Any]) -> Tariff:
        self.keys(data, "", _TOP, {"tariff", "plans", "services", "discount", "charges"})
        head = self.keys(data.get("tariff", {}), "tariff", _TARIFF, {"name"})
        plans = self.parse_plans(data.get("plans", {}))
        services = self.parse_services(data.get("services", {}))
        disc = self.keys(data.get("discount", {}), "discount", _DISCOUNT, {"per_extra_service"})
        rate = Decimal(0)
        if "per_extra_service" in disc:
            rate = self.money(disc["per_extra_service"], "discount.per_extra_service")
            if rate >= 1:
                self.fail("discount.per_extra_service", f"{rate} must be a fraction below 1 (0.1 = 10%)")
        charges = self.parse_charges(data.get("charges", []), plans, services)
        if self.problems:
            raise TariffError(self.source, self.problems)
        return Tariff(
            name=str(head.get("name", "")), title=str(head.get("title", head.get("name", ""))),
            currency=str(head.get("currency", "EUR")), source=self.source, plans=plans,
            services=services, discount_rate=rate,
            discount_what=str(disc.get("what", "Discount for each extra service")),
            discount_dutch=str(disc.get("dutch", "Korting per extra dienst")), charges=charges)

    def parse_plans(self, raw: Any) -> dict[str, Plan]:
        plans: dict[str, Plan] = {}
        if not isinstance(raw, dict) or not raw:
            self.fail("plans", "at least one plan is needed")
            return plans
        for name, table in raw.items():
            path = f"plans.{name}"
            if name != name.strip().upper() or not name.strip() or name.strip().upper() in NOT_TAKEN:
                self.fail(path, "plan names are upper case, without spaces, and not 'NONE'")
            t = self.keys(table, path, _PLAN, {"fee", "open_24_7"})
            fee = self.money(t.get("fee", "0"), f"{path}.fee")
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
            checked = tuple(self.usage_field(n, f"{path}.needs[{i}]", COUNT_FIELDS + AMOUNT_FIELDS
                                             + FLAG_FIELDS) for i, n in enumerate(needs))
            services[key] = Service(key, self.text(t.get("what"), f"{path}.what"),
                                    str(t.get("dutch", "")), checked)
        return services

    def parse_charges(self, raw: Any, plans: dict[str, Plan], services: dict[str, Service]
                      ) -> tuple[Charge, ...]:
        if not isinstance(raw, list):
            self.fail("charges", "must be an array of tables ([[charges]])")
            return ()
        charges = []
        seen: set[str] = set()
        for i, table in enumerate(raw):
            label = table.get("key", "?") if isinstance(table, dict) else "?"
            path = f"charges[{i}] ({label})"
            model = table.get("model") if isinstance(table, dict) else None
            if model not in _MODEL_KEYS:
                near = difflib.get_close_matches(str(model), MODELS, n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else f" (models: {', '.join(MODELS)})"
                self.fail(f"{path}.model", f"unknown pricing model {model!r}{hint}")
                continue
            required, optional = _MODEL_KEYS[model]
            t = self.keys(table, path, _COMMON | required | optional, {"key", "what", "model"} | required)
            key = self.text(t.get("key"), f"{path}.key")
            if key in seen:
                self.fail(f"{path}.key", f"{key!r} is used twice")
            seen.add(key)
            charge = self.parse_charge(t, path, model, plans, services)
            if charge is not None:
                charges.append(charge)
        return tuple(charges)

    def parse_charge(self, t: dict[str, Any], path: str, model: str, plans: dict[str, Plan],
                     services: dict[str, Service]) -> Charge | None:
        args: dict[str, Any] = {"key": t.get("key", ""), "what": self.text(t.get("what"), f"{path}.what"),
                                "dutch": str(t.get("dutch", "")), "model": model,
                                "unit": str(t.get("unit", ""))}
        service = t.get("service")
        if service is not None and service not in services:
            near = difflib.get_close_matches(str(service), list(services), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            self.fail(f"{path}.service", f"unknown service {service!r}{hint}")
        args["service"] = service
        if "plans" in t:
            names = t["plans"]
            if service is None:
                self.fail(f"{path}.plans", "only a charge of a service can depend on the plan")
            if not isinstance(names, list) or not names:
                self.fail(f"{path}.plans", "must be a non-empty list of plan names")
                names = []
            for j, name in enumerate(names):
                if name not in plans:
                    near = difflib.get_close_matches(str(name), list(plans), n=1)
                    hint = f" (did you mean {near[0]!r}?)" if near else f" (plans: {', '.join(plans)})"
                    self.fail(f"{path}.plans[{j}]", f"unknown plan {name!r}{hint}")
            args["plans"] = tuple(names)
        if "price" in t:
            args["price"] = self.money(t["price"], f"{path}.price")
        counts_only = model in ("graduated", "volume", "included", "per_second")
        if model == "flat":
            args["when"] = self.usage_field(t.get("when"), f"{path}.when", FLAG_FIELDS)
        else:
            kinds = COUNT_FIELDS if counts_only else COUNT_FIELDS + AMOUNT_FIELDS
            args["quantity"] = self.usage_field(t.get("quantity"), f"{path}.quantity", kinds)
        if model in ("graduated", "volume"):
            args["tiers"] = self.parse_tiers(t.get("tiers"), f"{path}.tiers")
        if model == "included":
            args["included"] = self.whole(t.get("included"), f"{path}.included")
        if model == "per_second":
            args["seconds"] = self.usage_field(t.get("seconds"), f"{path}.seconds", AMOUNT_FIELDS)
            free = t.get("free_seconds")
            if isinstance(free, bool) or not isinstance(free, int) or free < 0:
                self.fail(f"{path}.free_seconds", f"{free!r} must be a whole number of seconds >= 0")
                free = 0
            args["free_seconds"] = Decimal(free)
            args["per_minute"] = self.money(t.get("per_minute"), f"{path}.per_minute")
        if model == "pack_cover":
            self.parse_cover(t, path, args)
        return Charge(**args)

    def parse_tiers(self, raw: Any, path: str) -> tuple[Tier, ...]:
        if not isinstance(raw, list) or not raw:
            self.fail(path, "must be a non-empty list of {from, to, price}")
            return ()
        tiers = []
        expect = 1
        for j, tier in enumerate(raw):
            tp = f"{path}[{j}]"
            t = self.keys(tier, tp, {"from", "to", "price"}, {"from", "price"})
            first = self.whole(t.get("from", expect), f"{tp}.from", 1)
            if first != expect:
                self.fail(f"{tp}.from", f"tiers do not join up: this tier starts at {first}, "
                          f"the one before ends at {expect - 1} (want from = {expect})")
            last = t.get("to")
            if last is None:
                if j != len(raw) - 1:
                    self.fail(f"{tp}.to", "only the last tier may be open-ended (no 'to')")
            else:
                last = self.whole(last, f"{tp}.to", first)
                expect = last + 1
            if j == len(raw) - 1 and last is not None:
                self.fail(f"{tp}.to", f"the last tier must be open-ended: nothing prices {last + 1} and up")
            tiers.append(Tier(first, last, self.money(t.get("price", "0"), f"{tp}.price")))
        return tuple(tiers)

    def parse_cover(self, t: dict[str, Any], path: str, args: dict[str, Any]) -> None:
        for name in ("unit_price", "unlimited"):
            if name in t:
                args[name] = self.money(t[name], f"{path}.{name}")
        packs = []
        raw = t.get("packs", [])
        if not isinstance(raw, list):
            self.fail(f"{path}.packs", "must be a list of {size, price}")
            raw = []
        for j, pack in enumerate(raw):
            pp = f"{path}.packs[{j}]"
            p = self.keys(pack, pp, {"size", "price"}, {"size", "price"})
            price = self.money(p.get("price", "0"), f"{pp}.price")
            if price != price.quantize(Decimal("0.01")):
                self.fail(f"{pp}.price", f"{price} must be whole cents")
            packs.append(Pack(self.whole(p.get("size", 1), f"{pp}.size", 1), price))
        args["packs"] = tuple(packs)
        if packs and not self.problems:
            args["table"] = PackTable(args["packs"])
        if not packs and "unit_price" not in t and "unlimited" not in t:
            self.fail(path, "a pack cover needs packs, a unit_price or an unlimited price")
        billing = t.get("billing", "monthly")
        if billing not in ("monthly", "credit"):
            self.fail(f"{path}.billing", f"{billing!r} must be 'monthly' or 'credit'")
        if billing == "credit" and not packs:
            self.fail(f"{path}.billing", "'credit' billing needs packs")
        args["billing"] = billing
