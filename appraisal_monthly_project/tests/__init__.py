from . import test_project_import
