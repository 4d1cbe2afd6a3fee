"""Change history for models, as django-simple-history records it."""

from simple_history import models as simple_history


class HistoricalRecords(simple_history.HistoricalRecords):
    """simple_history's HistoricalRecords, with the historical model's module
    the one the class is set on: the module of the model it follows.

    For a model in a models package (meetings/models/minutes.py) simple_history
    sets HistoricalMinute on meetings.models.minutes but names the app's package,
    meetings, as its module, where it cannot be imported. Django's shell imports
    every model by its module, and would warn about each historical one.
    """

    def create_history_model(self, model, inherited):
        history_model = super().create_history_model(model, inherited)
        if not inherited:
            history_model.__module__ = self.module
        return history_model
