# CC-CMM maturity level from per-item ratings: the maturity_levels model of ccom_rules
# (ccom_rules/scoring/maturity.py) written in Rego, for benchmarks/bench.py to compare with.
#
# input:
#   scale_full          the full rating (10)
#   core, innovation    [[c_rate, f_rate], ...] per item of the core and innovation sections
#   years               whole years of operation on the assessment date
#   previous            the last certified level (0 if none)
#   stepwise            whether a level may be certified only one above the previous
#   levels              [{level, core_c_percent, core_f_percent, innovation_c_percent|null,
#                         innovation_f_percent|null, min_total, min_operating_years}, ...]
package ccmm

import rego.v1

full := input.scale_full

# (Written out per group and rating: rego-cpp 1.5 mis-binds a function's arguments inside a
# comprehension, so a helper like count_full(items, i) would count every item.)
core := {
	"items": count(input.core),
	"c_full": count([x | some item in input.core; item[0] == full; x := 1]),
	"f_full": count([x | some item in input.core; item[1] == full; x := 1]),
}

innovation := {
	"items": count(input.innovation),
	"c_full": count([x | some item in input.innovation; item[0] == full; x := 1]),
	"f_full": count([x | some item in input.innovation; item[1] == full; x := 1]),
}

all_items := array.concat(input.core, input.innovation)

total := sum([points | some item in all_items; points := item[0] + item[1]])

max_total := (2 * full) * (core.items + innovation.items)

# An item share meets a percentage when at least ceil(percent × items / 100) items are full;
# a level that sets no percentage for a group asks nothing of it.
share_met(full_items, pct, items) := true if {
	pct == null
} else := true if {
	full_items >= ceil((pct * items) / 100)
} else := false

checks(lv) := {
	"core_c": share_met(core.c_full, lv.core_c_percent, core.items),
	"core_f": share_met(core.f_full, lv.core_f_percent, core.items),
	"innovation_c": share_met(innovation.c_full, lv.innovation_c_percent, innovation.items),
	"innovation_f": share_met(innovation.f_full, lv.innovation_f_percent, innovation.items),
	"total": total >= lv.min_total,
	"operating_years": input.years >= lv.min_operating_years,
}

# Every [level, condition] not met.
unmet contains [lv.level, name] if {
	some lv in input.levels
	some name, met in checks(lv)
	met == false
}

blocked contains pair[0] if {
	some pair in unmet
}

# The level reached: every condition of it and of each level below it holds.
level := min(blocked) - 1 if count(blocked) > 0

level := count(input.levels) if count(blocked) == 0

certifiable_level := min([level, input.previous + 1]) if input.stepwise

certifiable_level := level if not input.stepwise

next_level_unmet := sort([name | some pair in unmet; pair[0] == level + 1; name := pair[1]])

verdict := {
	"level": level,
	"certifiable_level": certifiable_level,
	"total": total,
	"max_total": max_total,
	"core": core,
	"innovation": innovation,
	"next_level_unmet": next_level_unmet,
}
