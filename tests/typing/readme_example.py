from ccom_rules import evaluate, installed_packs, load_manifest

packs = installed_packs()  # parsed and checked once; reuse them
manifest = load_manifest("examples/harbour-bank/manifest.yaml", packs)
result = evaluate(packs, manifest)  # pure: no files, no clock, no printing
print(result.maturity("cc_cmm").level)  # typed per model: raises if the pack uses another model
print(result.bands("cccs_op_2003").band)
for nc in result.pass_fail("ccom_sj_t_11739").nonconformities:
    print(nc.clause, nc.reasons)
result.model_dump_json()  # byte-identical for the same inputs
