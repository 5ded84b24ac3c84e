"""The Cases and TAF plans area: a lead professional's cases (or a locality's,
for managers), and each family's plan with its SMART actions, reviews,
versions and distance travelled."""
