# The search index. pg_trgm and the GIN indexes on PostgreSQL only: on SQLite
# the extension operation does nothing and the indexes are kept in the
# migration state without being built (search/operations.py).

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

import search.models
from search.operations import AddIndexOnPostgreSQL


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("network", "Network"),
                            ("meeting", "Meeting"),
                            ("post", "Blog post"),
                            ("offer", "Theme day or course"),
                        ],
                        max_length=20,
                        verbose_name="type",
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField(verbose_name="object id")),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "lead",
                    models.TextField(
                        blank=True, help_text="Teaser or summary; weighs more than the text.", verbose_name="lead"
                    ),
                ),
                ("body", models.TextField(blank=True, verbose_name="text")),
                (
                    "words",
                    models.TextField(
                        blank=True,
                        help_text="Every word of title, lead and text once, in lower case.",
                        verbose_name="words",
                    ),
                ),
                ("url", models.CharField(max_length=300, verbose_name="address")),
                (
                    "date",
                    models.DateTimeField(
                        blank=True, help_text="Start of a meeting, date of a post.", null=True, verbose_name="date"
                    ),
                ),
                (
                    "visible_from",
                    models.DateTimeField(
                        blank=True,
                        help_text="A blog post is found from its publication time.",
                        null=True,
                        verbose_name="visible from",
                    ),
                ),
                ("cancelled", models.BooleanField(default=False, verbose_name="cancelled")),
                ("indexed_at", models.DateTimeField(auto_now=True, verbose_name="indexed")),
                (
                    "search_vector",
                    models.GeneratedField(
                        db_persist=True,
                        expression=search.models.PostgreSQLOnly(
                            django.contrib.postgres.search.CombinedSearchVector(
                                django.contrib.postgres.search.CombinedSearchVector(
                                    django.contrib.postgres.search.SearchVector("title", config="danish", weight="A"),
                                    "||",
                                    django.contrib.postgres.search.SearchVector("lead", config="danish", weight="B"),
                                    django.contrib.postgres.search.SearchConfig("danish"),
                                ),
                                "||",
                                django.contrib.postgres.search.SearchVector("body", config="danish", weight="C"),
                                django.contrib.postgres.search.SearchConfig("danish"),
                            ),
                            output_field=django.contrib.postgres.search.SearchVectorField(),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="search_document_unique_object")
                ],
            },
        ),
        AddIndexOnPostgreSQL(
            model_name="searchdocument",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_vector"], name="search_document_vector"),
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=60, unique=True, verbose_name="word")),
            ],
            options={"verbose_name": "search word", "verbose_name_plural": "search words"},
        ),
        AddIndexOnPostgreSQL(
            model_name="searchword",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass("word", name="gin_trgm_ops"), name="search_word_trgm"
            ),
        ),
    ]
