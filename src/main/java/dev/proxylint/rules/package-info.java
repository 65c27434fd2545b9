/**
 * Rules: the {@link dev.proxylint.rules.Rule} interface and {@link dev.proxylint.rules.BaseRule} (fixed
 * ids and dialects named once), the context a rule reports through (with the config's shared facts
 * and "report once per place"), rule metadata read from {@code rules/*.md}, and
 * {@link dev.proxylint.rules.Rules#all()}; one sub-package per family, one class per rule.
 * Rules may use {@code facts}, the models of {@code nginx} and {@code apache}, {@code syntax},
 * {@code source} and {@code tls}; never {@code engine}, {@code fix}, {@code report} or {@code cli},
 * and never an ANTLR parse tree.
 */
package dev.proxylint.rules;
