// A partner system's code against the types openapi-typescript generates from the committed
// document; tests/contract.rs compiles it with `tsc --strict`.
import type { components, paths } from "./smarty";

type CaseStudy = components["schemas"]["CaseStudy"];
type Created = paths["/api/v1/case-studies"]["post"]["responses"][201]["content"]["application/json"];
type Problem = components["schemas"]["Problem"];
type Search = paths["/api/v1/catalogue/search"]["get"]["responses"][200]["content"]["application/json"];

export const study: CaseStudy = {
  title: "Sensor retrofits for Huddersfield textile mills",
  summary: "A shared service fitted low-cost sensors to older looms.",
  description: "Kirklees Council and the University of Huddersfield set up a retrofit service.",
  intervention: "direct",
  themes: ["predictive-maintenance"],
  language: "en",
  main_institution: "University of Huddersfield",
  location: { nuts: "UKE44", name: "Huddersfield" },
  period: { start: "2021-03-01" },
};

export function describe(created: Created): string {
  return `${created.id} v${created.version}: ${created.content.title}`;
}

export function explain(problem: Problem): string {
  return `${problem.status} ${problem.type}: ${problem.detail}`;
}

export function titles(result: Search): string[] {
  return result.hits.map((hit) => hit.title);
}
