//! CI recipes `iro init --ci` writes: check the records on every push;
//! build the annual report on the default branch and publish `public/`.

/// A CI service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CiKind {
    /// GitHub Actions and GitHub Pages.
    Github,
    /// GitLab CI and GitLab Pages.
    Gitlab,
}

/// GitHub Actions.
pub const GITHUB: &str = r#"# iro: check the records on every push; on the default branch, build the
# annual report and publish public/ with GitHub Pages.
#
# KEEP THIS REPOSITORY PRIVATE: it holds children's records. Only public/ is
# published: aggregates with small numbers suppressed, checked by iro's publish
# guard (the build fails if a child's name, id or date of birth would appear).
#
# Set the repository variable IRO_GIT to the git address iro is installed from
# (Settings > Secrets and variables > Actions > Variables).
name: iro
on:
  push:
  workflow_dispatch:
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Install iro
        run: cargo install --locked --git "${{ vars.IRO_GIT }}" iro
      - name: Check the records
        run: iro check
  publish:
    needs: check
    if: github.ref == format('refs/heads/{0}', github.event.repository.default_branch)
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment: github-pages
    steps:
      - uses: actions/checkout@v4
      - name: Install iro
        run: cargo install --locked --git "${{ vars.IRO_GIT }}" iro
      - name: Build the annual report
        run: iro build
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
      - uses: actions/deploy-pages@v4
"#;

/// GitLab CI.
pub const GITLAB: &str = r#"# iro: check the records on every push; on the default branch, build the
# annual report and publish public/ with GitLab Pages.
#
# KEEP THIS PROJECT PRIVATE: it holds children's records. Only public/ is
# published: aggregates with small numbers suppressed, checked by iro's publish
# guard (the build fails if a child's name, id or date of birth would appear).
#
# Set the CI/CD variable IRO_GIT to the git address iro is installed from.
stages: [check, publish]

check:
  stage: check
  image: rust:1
  script:
    - cargo install --locked --git "$IRO_GIT" iro
    - iro check

pages:
  stage: publish
  image: rust:1
  script:
    - cargo install --locked --git "$IRO_GIT" iro
    - iro build
  artifacts:
    paths: [public]
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"#;

impl CiKind {
    /// The recipe's path in the repository and its text.
    pub fn recipe(self) -> (&'static str, &'static str) {
        match self {
            CiKind::Github => (".github/workflows/iro.yml", GITHUB),
            CiKind::Gitlab => (".gitlab-ci.yml", GITLAB),
        }
    }
}
